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
  const section = sections(bytes).find((s) => s.id === IMPORT_SECTION);
  if (!section) return bytes;
  const text = new TextDecoder();
  const encode = new TextEncoder();
  const [count, countEnd] = readLeb(bytes, section.bodyStart);
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
  return changed ? replaceSection(bytes, section, body) : bytes;
}

/** The module with one section's body replaced (its size re-encoded). */
function replaceSection(bytes: Uint8Array, section: Section, body: readonly number[]): Uint8Array {
  const encoded = [section.id, ...writeLeb(body.length), ...body];
  const out = new Uint8Array(section.offset + encoded.length + (bytes.length - section.bodyEnd));
  out.set(bytes.subarray(0, section.offset), 0);
  out.set(encoded, section.offset);
  out.set(bytes.subarray(section.bodyEnd), section.offset + encoded.length);
  return out;
}

const EXPORT_SECTION = 7;
const CODE_SECTION = 10;

interface Section {
  id: number;
  /** Offset of the section's id byte. */
  offset: number;
  bodyStart: number;
  bodyEnd: number;
}

function sections(bytes: Uint8Array): Section[] {
  const out: Section[] = [];
  let offset = 8; // magic + version
  while (offset < bytes.length) {
    const [size, bodyStart] = readLeb(bytes, offset + 1);
    out.push({ id: bytes[offset]!, offset, bodyStart, bodyEnd: bodyStart + size });
    offset = bodyStart + size;
  }
  return out;
}

/** Function imports in order (their indices come before the module's own functions). */
function functionImports(bytes: Uint8Array, section: Section | undefined): string[] {
  if (!section) return [];
  const text = new TextDecoder();
  const names: string[] = [];
  let [count, at] = readLeb(bytes, section.bodyStart);
  for (; count > 0; count--) {
    let length: number;
    [length, at] = readLeb(bytes, at); // module
    at += length;
    [length, at] = readLeb(bytes, at); // field
    const field = text.decode(bytes.subarray(at, at + length));
    at += length;
    if (bytes[at] === 0) names.push(field);
    at = skipDescriptor(bytes, at);
  }
  return names;
}

/** Exported functions by name, with their function index. */
function functionExports(bytes: Uint8Array, section: Section | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (!section) return out;
  const text = new TextDecoder();
  let [count, at] = readLeb(bytes, section.bodyStart);
  for (; count > 0; count--) {
    let length: number;
    [length, at] = readLeb(bytes, at);
    const name = text.decode(bytes.subarray(at, at + length));
    at += length;
    const kind = bytes[at++]!;
    let index: number;
    [index, at] = readLeb(bytes, at);
    if (kind === 0) out.set(name, index);
  }
  return out;
}

/**
 * The Lua grammar of tree-sitter-wasms@0.1.13 creates its external scanner
 * with `return malloc(8)` and never initialises it: its `deserialize` leaves
 * the state alone when given none, which is how every parse starts. Each parse
 * then begins from whatever the heap held, and depending on what ran before
 * (compiling a query is enough) most files of a real repository parse with
 * errors. A scanner `create` whose whole body is `return malloc(N)` is
 * rewritten to zero the N bytes it allocates (what calloc would give), which
 * is the state a fresh scanner means to have. Other bodies are left alone.
 * Returns the same bytes when no grammar function matched.
 */
export function zeroScannerState(bytes: Uint8Array): Uint8Array {
  const all = sections(bytes);
  const imports = functionImports(
    bytes,
    all.find((s) => s.id === IMPORT_SECTION),
  );
  const malloc = imports.indexOf('malloc');
  const code = all.find((s) => s.id === CODE_SECTION);
  if (malloc < 0 || !code) return bytes;
  const exports = functionExports(
    bytes,
    all.find((s) => s.id === EXPORT_SECTION),
  );
  const create = [...exports].find(([name]) => name.endsWith('_external_scanner_create'));
  if (!create) return bytes;
  const target = create[1] - imports.length;

  const [count, first] = readLeb(bytes, code.bodyStart);
  const bodies: Uint8Array[] = [];
  let at = first;
  for (let i = 0; i < count; i++) {
    const [size, start] = readLeb(bytes, at);
    bodies.push(bytes.subarray(start, start + size));
    at = start + size;
  }
  const body = bodies[target];
  const mallocIndex = writeLeb(malloc);
  // no locals; i32.const N (0 < N < 64: one byte); call malloc; end
  const expected = [0x00, 0x41, -1, 0x10, ...mallocIndex, 0x0b];
  if (!body || body.length !== expected.length || expected.some((b, i) => b >= 0 && body[i] !== b)) return bytes;
  const size = body[2]!;
  if (size === 0 || size >= 0x40) return bytes;
  // one i32 local; local.tee 0 (ptr = malloc(N)); memory.fill(ptr, 0, N); local.get 0; end
  bodies[target] = Uint8Array.from([
    0x01, 0x01, 0x7f,
    0x41, size, 0x10, ...mallocIndex, 0x22, 0x00,
    0x41, 0x00, 0x41, size, 0xfc, 0x0b, 0x00,
    0x20, 0x00, 0x0b,
  ]); // prettier-ignore
  const payload: number[] = writeLeb(count);
  for (const b of bodies) payload.push(...writeLeb(b.length), ...b);
  return replaceSection(bytes, code, payload);
}
