/** Repository-relative path arithmetic (`/` separators, no leading slash), for import resolution. */

export const dirname = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));

/** `a/b/../c/./d` → `a/c/d`; undefined when it climbs above the root. */
export function normalizePath(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

export const join = (dir: string, rest: string): string | undefined => normalizePath(dir ? `${dir}/${rest}` : rest);
