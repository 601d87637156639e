// What a build is made from, so that scripts and tests can tell whether dist/ is current.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.join(__dirname, '..', '..');
const plugins = () =>
  fs
    .readdirSync(path.join(root, 'src', 'plugins'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join('src', 'plugins', d.name));

/** Every file under these paths (relative to the app), skipping build output and dependencies. */
function filesUnder(relativePaths, skip = () => false) {
  const found = [];
  const walk = (relative) => {
    const full = path.join(root, relative);
    if (!fs.existsSync(full) || skip(relative)) return;
    const stat = fs.statSync(full);
    if (stat.isFile()) return found.push(relative);
    for (const name of fs.readdirSync(full)) {
      if (['node_modules', 'dist', '.cache', '__tests__'].includes(name)) continue;
      walk(path.join(relative, name));
    }
  };
  relativePaths.forEach(walk);
  return found.sort();
}

/** The server's sources: what `npm run build:server` compiles (the admin panel's code excluded). */
const serverSources = () =>
  filesUnder(
    ['src', 'config', 'database', 'tsconfig.json', ...plugins().map((p) => `${p}/tsconfig.server.json`)],
    (p) =>
      // the admin panel's code, tests, and what the documentation plugin writes at boot
      /^src\/admin\b|^src\/plugins\/[^/]+\/admin\b|^src\/extensions\/documentation\b|\.test\.ts$/.test(p)
  );

/** The admin panel's inputs: our admin code, what it imports from the plugins, and the locked dependencies. */
const adminInputs = () =>
  filesUnder([
    'src/admin',
    ...plugins().flatMap((p) => [`${p}/admin`, `${p}/shared`, `${p}/package.json`]),
    'config/admin.ts',
    'config/server.ts',
    'package-lock.json',
  ]);

const newestMtime = (files) => Math.max(0, ...files.map((f) => fs.statSync(path.join(root, f)).mtimeMs));

/** Written after every complete server build (tsc rewrites only what changed, so outputs' own times say little). */
const SERVER_STAMP = path.join(root, 'dist', '.server-built');

/** Why the compiled server is out of date (a sentence), or null when it is current. */
function serverBuildStaleness() {
  if (!fs.existsSync(SERVER_STAMP)) return 'there is no complete build in dist/';
  const built = fs.statSync(SERVER_STAMP).mtimeMs;
  const changed = serverSources().filter((f) => fs.statSync(path.join(root, f)).mtimeMs > built);
  const orphans = pruneOrphans({ dryRun: true });
  if (orphans.length) return `${orphans[0]} is compiled from a source that is gone`;
  if (!changed.length) return null;
  return `${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', …' : ''} changed since the last build`;
}

function markServerBuilt() {
  fs.mkdirSync(path.dirname(SERVER_STAMP), { recursive: true });
  fs.writeFileSync(SERVER_STAMP, `${new Date().toISOString()}\n`);
}

/** The tsc projects of the server: each one's rootDir and outDir (absolute). */
function serverProjects() {
  const ts = require('typescript');
  const configs = [
    'tsconfig.json',
    ...plugins()
      .map((p) => `${p}/tsconfig.server.json`)
      .filter((f) => fs.existsSync(path.join(root, f))),
  ];
  return configs.map((file) => {
    const full = path.join(root, file);
    const { config } = ts.readConfigFile(full, ts.sys.readFile);
    const { rootDir = '.', outDir = 'dist' } = config.compilerOptions ?? {};
    return {
      rootDir: path.resolve(path.dirname(full), rootDir),
      outDir: path.resolve(path.dirname(full), outDir),
    };
  });
}

/**
 * Removes compiled files whose source is gone (tsc never deletes them): a route or service left in
 * dist/ by a deleted source would still be loaded by Strapi.
 */
function pruneOrphans({ dryRun = false } = {}) {
  const removed = [];
  for (const { rootDir, outDir } of serverProjects()) {
    const walk = (dir) => {
      if (!fs.existsSync(dir)) return;
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!['assets', 'build'].includes(entry.name) || dir !== outDir) walk(full);
          continue;
        }
        const match = /^(.*?)(\.d\.ts|\.js\.map|\.js|\.json)$/.exec(entry.name);
        if (!match || entry.name.endsWith('.tsbuildinfo') || dir === outDir) continue;
        const stem = path.join(rootDir, path.relative(outDir, dir), match[1]);
        const sources =
          match[2] === '.json' ? [`${stem}.json`] : ['.ts', '.tsx', '.js'].map((e) => `${stem}${e}`);
        if (!sources.some((source) => fs.existsSync(source))) {
          if (!dryRun) fs.rmSync(full);
          removed.push(path.relative(root, full));
        }
      }
    };
    walk(outDir);
  }
  if (removed.length && !dryRun)
    console.log(`Removed ${removed.length} compiled files whose source is gone: ${removed.join(', ')}`);
  return removed;
}

/** The plugins and the server, compiled with tsc (incremental), then stamped. */
function buildServer() {
  const started = Date.now();
  const node = (...args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  node(path.join(root, 'scripts', 'build-plugins.js'));
  node(path.join(root, 'scripts', 'build-site-assets.js')); // the website's CSS (Sass) and JS
  node(require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json');
  pruneOrphans();
  markServerBuilt();
  return Date.now() - started;
}

/** A fingerprint of the admin panel's inputs, kept beside the build to skip rebuilding it when they are unchanged. */
function adminFingerprint() {
  const hash = crypto.createHash('sha256');
  hash.update(`node ${process.version}\nPUBLIC_URL=${process.env.PUBLIC_URL ?? ''}\n`);
  for (const file of adminInputs()) hash.update(`${file}\n`).update(fs.readFileSync(path.join(root, file)));
  return hash.digest('hex');
}

const ADMIN_FINGERPRINT_FILE = path.join(root, 'dist', 'build', '.inputs-sha256');

module.exports = {
  root,
  serverBuildStaleness,
  buildServer,
  pruneOrphans,
  markServerBuilt,
  adminFingerprint,
  ADMIN_FINGERPRINT_FILE,
  newestMtime,
};
