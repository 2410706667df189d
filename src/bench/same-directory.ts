/**
 * The same-directory baseline: files in the seed's directory first, then
 * its subdirectories; then the files of its parent directory, then the
 * rest of that subtree; and so on up to the root. Within one tier, by path.
 */
export function sameDirectoryRanking(seed: string, candidates: Iterable<string>): string[] {
  const seedDirs = directories(seed);
  const scored: [string, number][] = [];
  for (const path of candidates) {
    if (path === seed) continue;
    const dirs = directories(path);
    let shared = 0;
    while (shared < seedDirs.length && shared < dirs.length && seedDirs[shared] === dirs[shared]) shared++;
    // A file directly in the shared ancestor outranks one deeper in that ancestor's subtree.
    const direct = dirs.length === shared ? 1 : 0;
    scored.push([path, shared * 2 + direct]);
  }
  return scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([path]) => path);
}

function directories(path: string): string[] {
  return path.split('/').slice(0, -1);
}
