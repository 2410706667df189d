/**
 * A PSR-4 root from a composer.json: classes of the namespace `prefix`
 * (`App\`, `Illuminate\Support\`) live under `dirs`, one directory per
 * namespace level and one file per class (`App\Models\User` →
 * `app/Models/User.php`). Composer's autoloader finds them this way, so
 * it is how the repository names its own PHP files.
 */
export interface Psr4Root {
  /** Without the trailing backslash; '' is the fallback root. */
  prefix: string;
  /** Repository-relative, in the manifest's order. */
  dirs: string[];
}

export const COMPOSER_MANIFEST = /(^|\/)composer\.json$/;

/** Whether a fully qualified name is inside the namespace `prefix`. */
export function inNamespace(name: string, prefix: string): boolean {
  return prefix === '' || name === prefix || name.startsWith(`${prefix}\\`);
}

/**
 * The files a fully qualified class name may live in under the PSR-4
 * roots (longest namespace first, as ModuleMaps keeps them), in the order the autoloader tries
 * them: the longest namespace first, the fallback root ('') last.
 */
export function psr4Candidates(name: string, roots: readonly Psr4Root[]): string[] {
  const out: string[] = [];
  for (const root of roots) {
    if (!inNamespace(name, root.prefix) || name === root.prefix) continue;
    const rest = (root.prefix === '' ? name : name.slice(root.prefix.length + 1)).split('\\').join('/');
    for (const dir of root.dirs) out.push(dir === '' ? `${rest}.php` : `${dir}/${rest}.php`);
  }
  return out;
}
