import { serialize } from "node:v8";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { normalizeMessage } from "../src/index";
import { asciiAsOneByte } from "../src/internal/one-byte";

// ASCII as normalizeMessage meets it after a frame: printable characters, tabs and line breaks.
const asciiText = fc.string({ unit: fc.constantFrom(..."\t\n\r !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~") });

// The V8 serialization tag of a string says how it is stored: '"' one byte per character, 'c' two bytes.
const storage = (text: string) => String.fromCharCode(serialize(text)[2]!);

describe("asciiAsOneByte (the copy of a frame's ASCII body)", () => {
  it("turns a two-byte ASCII slice into a one-byte string (what the copy is for)", () => {
    const slice = "❌ Error message: dial tcp 10.2.1.5:8080".slice(2);
    expect(storage(slice)).toBe("c");
    const copy = asciiAsOneByte(slice);
    expect(copy).toBe(slice);
    expect(storage(copy)).toBe('"');
  });

  it("copies up to 65,536 characters and leaves longer texts as they are", () => {
    const varied = (n: number) =>
      `❌${Array.from({ length: n }, (_, i) => String.fromCharCode(32 + (i % 95))).join("")}`.slice(1);
    const atLimit = varied(65_536);
    expect(asciiAsOneByte(atLimit)).toBe(atLimit);
    expect(storage(asciiAsOneByte(atLimit))).toBe('"');
    const over = varied(65_537);
    expect(asciiAsOneByte(over)).toBe(over);
  });

  test.prop([asciiText, fc.string()])("keeps every character of an ASCII slice of a two-byte message", (text, tail) => {
    const message = `❌ ${text}${tail}`; // the emoji makes V8 store the message, and its slices, two bytes per character
    expect(asciiAsOneByte(message.slice(2, 2 + text.length))).toBe(text);
  });

  it("gives the same result for a framed message whether or not its frame holds emoji", () => {
    const frame = (mark: string) =>
      [
        ` ${mark} MESSAGE FOR THE USER ${mark}`,
        ` ${mark === "" ? "" : "✉️ "}Error message: Readiness probe failed: dial tcp 10.2.1.5:8080: connect: connection refused`,
        " Hint: Check the port.",
      ].join("\n");
    const { originalLength: withEmoji, ...a } = normalizeMessage(frame("❌"));
    const { originalLength: without, ...b } = normalizeMessage(frame(""));
    expect(a).toEqual(b);
    expect(a.text).toBe("Readiness probe failed: dial tcp <IP>: connect: connection refused Check the port.");
    expect(withEmoji - without).toBe(5); // two ❌, the space after ✉️, and its two code units
  });
});
