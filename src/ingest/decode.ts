import iconv from "iconv-lite";

function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? "");
  return m?.[1]?.toLowerCase();
}

function charsetFromBom(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return bytes[2] === 0 && bytes[3] === 0 ? "utf-32le" : "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return "utf-32be";
  return undefined;
}

/** UTF-16 without a BOM still starts with "<" as two bytes, one of them zero. */
function charsetFromLayout(bytes: Buffer): string | undefined {
  if (bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] !== 0) return "utf-16le";
  if (bytes[0] === 0 && bytes[1] === 0x3c) return "utf-16be";
  return undefined;
}

function charsetFromDeclaration(bytes: Buffer, layout: string | undefined): string | undefined {
  const head = layout
    ? iconv.decode(bytes.subarray(0, 512), layout)
    : bytes.subarray(0, 512).toString("latin1");
  const m = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return m?.[1]?.toLowerCase();
}

function usable(charset: string | undefined): string | undefined {
  if (!charset) return undefined;
  // Feeds that say latin-1 nearly always mean windows-1252 (curly quotes in 0x80-0x9f).
  const name = /^(iso-8859-1|latin-?1|us-ascii|ascii)$/.test(charset) ? "windows-1252" : charset;
  return iconv.encodingExists(name) ? name : undefined;
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Whether the bytes are well-formed UTF-8. A U+FFFD the text itself carries (a feed that lost
 * its dashes upstream sends EF BF BD) is well-formed: only an invalid sequence makes it fail.
 */
function isValidUtf8(bytes: Buffer): boolean {
  try {
    STRICT_UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export interface DecodedBody {
  text: string;
  charset: string;
}

/**
 * Decodes a feed body. Order of trust: byte-order mark, Content-Type charset, XML declaration,
 * then UTF-8; a UTF-16 declaration over 8-bit bytes is ignored, and a label that does not fit
 * the bytes (UTF-8 declared, windows-1252 sent) falls back to windows-1252.
 */
export function decodeBody(bytes: Buffer, contentType?: string): DecodedBody {
  const bom = charsetFromBom(bytes);
  const layout = charsetFromLayout(bytes);
  // A UTF-16 label over bytes with no BOM and no UTF-16 layout is wrong: skip it.
  const believable = (label: string | undefined) =>
    label !== undefined && (!label.startsWith("utf-16") || bom || layout);
  let charset =
    [
      usable(bom),
      usable(charsetFromContentType(contentType)),
      usable(charsetFromDeclaration(bytes, layout)),
    ].find(believable) ??
    layout ??
    "utf-8";
  if (charset === "utf-8" && !bom && !isValidUtf8(bytes)) charset = "windows-1252";
  const text = iconv.decode(bytes, charset, { stripBOM: true });
  return { text, charset };
}
