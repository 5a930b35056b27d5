/** A cleaning step: a pure function from text to text. Steps compose with {@link pipeline}. */
export type CleaningStep = (text: string) => string;
