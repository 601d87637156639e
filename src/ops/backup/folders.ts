import { promises as fs } from 'fs';
import path from 'path';
import { describeFile, listFiles, type FileEntry } from './manifest';

/** Copies every file of each folder into `<dir>/files/<name>/`, describing each copy (hash, size). */
export async function backupFolders(folders: Record<string, string>, dir: string) {
  const described: Record<string, FileEntry[]> = {};
  for (const [name, source] of Object.entries(folders)) {
    const target = path.join(dir, 'files', name);
    await fs.mkdir(target, { recursive: true });
    described[name] = [];
    for (const relative of await listFiles(source)) {
      await fs.mkdir(path.dirname(path.join(target, relative)), { recursive: true });
      await fs.copyFile(path.join(source, relative), path.join(target, relative));
      described[name].push(await describeFile(target, relative));
    }
  }
  return described;
}

/** Problems that stop a restore into these folders: a name the app does not know, files already there. */
export async function folderProblems(
  backedUp: Record<string, FileEntry[]>,
  folders: Record<string, string>,
  force: boolean
): Promise<string[]> {
  const problems: string[] = [];
  for (const name of Object.keys(backedUp)) {
    if (!folders[name]) {
      problems.push(
        `the backup has a folder "${name}" that this app does not configure (config/operations.ts)`
      );
      continue;
    }
    const present = await listFiles(folders[name]);
    if (present.length > 0 && !force)
      problems.push(`${folders[name]} already holds ${present.length} files (use --force to replace them)`);
  }
  return problems;
}

/** Replaces each folder's contents with the backup's, then checks every file's hash. */
export async function restoreFolders(
  dir: string,
  backedUp: Record<string, FileEntry[]>,
  folders: Record<string, string>
) {
  for (const [name, files] of Object.entries(backedUp)) {
    const target = folders[name];
    await fs.mkdir(target, { recursive: true });
    for (const relative of await listFiles(target)) await fs.rm(path.join(target, relative));
    for (const file of files) {
      await fs.mkdir(path.dirname(path.join(target, file.path)), { recursive: true });
      await fs.copyFile(path.join(dir, 'files', name, file.path), path.join(target, file.path));
      const copy = await describeFile(target, file.path);
      if (copy.sha256 !== file.sha256)
        throw new Error(`${path.join(target, file.path)}: copy does not match the backup`);
    }
  }
}
