/** Decodes standard base64 to UTF-8 text without Node's Buffer; throws on characters outside the alphabet. */
export function decodeBase64Utf8(data: string): string {
  const binary = atob(data.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}
