import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { normalizeMessage } from "../src/index";
import { asciiAsOneByte } from "../src/internal/one-byte";

// ASCII as normalizeMessage meets it after a frame: printable characters, tabs and line breaks.
const asciiText = fc.string({ unit: fc.constantFrom(..."\t\n\r !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~") });

describe("asciiAsOneByte (the copy of a frame's ASCII body)", () => {
  test.prop([asciiText, fc.string()])("keeps every character of an ASCII slice of a two-byte message", (text, tail) => {
    const message = `❌ ${text}${tail}`; // the emoji makes V8 store the message, and its slices, two bytes per character
    expect(asciiAsOneByte(message.slice(2, 2 + text.length))).toBe(text);
  });

  it("returns a text too long for its buffer unchanged", () => {
    const long = "a".repeat(70_000);
    expect(asciiAsOneByte(long)).toBe(long);
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
