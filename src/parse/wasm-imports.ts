/**
 * Grammars in tree-sitter-wasms@0.1.13 were built by an older tree-sitter
 * CLI; some import libc functions (bash: `isalpha`) that the web-tree-sitter
 * 0.25 runtime no longer exports, so the first call crashes the parse
 * ("resolved is not a function"). The wide-character versions are exported,
 * take and return the same types, and agree on ASCII, so the grammar's import
 * section is rewritten to use them before the module is loaded.
 */
export const LIBC_IMPORT_RENAMES: Readonly<Record<string, string>> = {
  isalpha: 'iswalpha',
  isalnum: 'iswalnum',
  isdigit: 'iswdigit',
  isspace: 'iswspace',
  isupper: 'iswupper',
  islower: 'iswlower',
  isxdigit: 'iswxdigit',
  tolower: 'towlower',
  toupper: 'towupper',
};

const IMPORT_SECTION = 2;

function readLeb(bytes: Uint8Array, offset: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  let byte: number;
  let at = offset;
  do {
    byte = bytes[at++]!;
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [value >>> 0, at];
}

function writeLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest) byte |= 0x80;
    out.push(byte);
  } while (rest);
  return out;
}

/** Skips one import descriptor (function, table, memory or global) and returns the offset after it. */
function skipDescriptor(bytes: Uint8Array, offset: number): number {
  const kind = bytes[offset]!;
  let at = offset + 1;
  const skipLimits = (): void => {
    const flags = bytes[at++]!;
    [, at] = readLeb(bytes, at);
    if (flags & 1) [, at] = readLeb(bytes, at);
  };
  switch (kind) {
    case 0: // function: type index
      [, at] = readLeb(bytes, at);
      return at;
    case 1: // table: element type, limits
      at++;
      skipLimits();
      return at;
    case 2: // memory: limits
      skipLimits();
      return at;
    case 3: // global: value type, mutability
      return at + 2;
    default:
      throw new Error(`unknown wasm import kind ${kind}`);
  }
}

/** Returns the module with its function imports renamed, or the same bytes when nothing matched. */
export function renameWasmImports(bytes: Uint8Array, renames: Readonly<Record<string, string>>): Uint8Array {
  const text = new TextDecoder();
  const encode = new TextEncoder();
  let offset = 8; // magic + version
  while (offset < bytes.length) {
    const id = bytes[offset]!;
    const [size, bodyStart] = readLeb(bytes, offset + 1);
    const bodyEnd = bodyStart + size;
    if (id !== IMPORT_SECTION) {
      offset = bodyEnd;
      continue;
    }
    const [count, countEnd] = readLeb(bytes, bodyStart);
    let at = countEnd;
    const body: number[] = writeLeb(count);
    let changed = false;
    for (let i = 0; i < count; i++) {
      const names: string[] = [];
      for (let part = 0; part < 2; part++) {
        let length: number;
        [length, at] = readLeb(bytes, at);
        names.push(text.decode(bytes.subarray(at, at + length)));
        at += length;
      }
      const [moduleName, fieldName] = names as [string, string];
      const isFunction = bytes[at] === 0;
      const renamed = isFunction ? renames[fieldName] : undefined;
      if (renamed) changed = true;
      for (const name of [moduleName, renamed ?? fieldName]) {
        const encoded = encode.encode(name);
        body.push(...writeLeb(encoded.length), ...encoded);
      }
      const descriptorEnd = skipDescriptor(bytes, at);
      body.push(...bytes.subarray(at, descriptorEnd));
      at = descriptorEnd;
    }
    if (!changed) return bytes;
    const section = [IMPORT_SECTION, ...writeLeb(body.length), ...body];
    const out = new Uint8Array(offset + section.length + (bytes.length - bodyEnd));
    out.set(bytes.subarray(0, offset), 0);
    out.set(section, offset);
    out.set(bytes.subarray(bodyEnd), offset + section.length);
    return out;
  }
  return bytes;
}
