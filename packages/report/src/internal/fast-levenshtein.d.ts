// fast-levenshtein 3 ships no types; this is the one call we use.
declare module "fast-levenshtein" {
  const levenshtein: { get(a: string, b: string, options?: { useCollator?: boolean }): number };
  export default levenshtein;
}
