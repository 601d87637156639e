/**
 * Control characters have no place in anything a person types, and NUL breaks PostgreSQL
 * ("invalid byte sequence for encoding UTF8: 0x00"). Refused: C0 controls except tab, line feed and
 * carriage return (multi-line text keeps its lines), and lone UTF-16 surrogates (not Unicode text:
 * the database would silently store U+FFFD instead).
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const CONTROL_GLOBAL = new RegExp(`${CONTROL.source}|${LONE_SURROGATE.source}`, 'g');

export const CONTROL_CHARACTER_MESSAGE = 'must not contain control characters';

export const hasControlCharacters = (text: string): boolean =>
  CONTROL.test(text) || LONE_SURROGATE.test(text);

const MAX_NODES = 100_000; // a parsed body is already size-limited; this bounds the walk regardless

/**
 * The first field of `value` (keys included) holding a control character, named the way the client
 * sent it (`title`, `data.contact.email`, `filters[title][$containsi]`), or undefined if there is none.
 */
export function findControlCharacters(
  value: unknown,
  style: 'dotted' | 'brackets' = 'dotted',
  root = ''
): string | undefined {
  const name = (parent: string, key: string | number) => {
    if (!parent) return String(key);
    return style === 'brackets' ? `${parent}[${key}]` : `${parent}.${key}`;
  };
  const stack: [unknown, string][] = [[value, root]];
  for (let visited = 0; stack.length && visited < MAX_NODES; visited++) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (hasControlCharacters(node)) return path || 'body';
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], name(path, i)]);
    } else if (node && typeof node === 'object' && !Buffer.isBuffer(node)) {
      const entries = Object.entries(node as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        if (hasControlCharacters(key)) return name(path, key.replace(CONTROL_GLOBAL, '?'));
        stack.push([child, name(path, key)]);
      }
    }
  }
  return undefined;
}
