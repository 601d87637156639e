// Flags for the project's scripts, read with Node's own parser (util.parseArgs, strict): --help prints
// the usage, and an unknown or malformed flag stops the script with the usage instead of being ignored.
const { parseArgs } = require('util');

/**
 * @param {{ usage: string, options?: Record<string, import('util').ParseArgsOptionConfig>, positionals?: boolean }} spec
 * @returns {{ values: Record<string, any>, positionals: string[] }}
 */
function parseCli({ usage, options = {}, positionals = false }, args = process.argv.slice(2)) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: positionals,
      strict: true,
    });
  } catch (error) {
    console.error(`${error.message}\n\n${usage.trim()}`);
    process.exit(2);
  }
  if (parsed.values.help) {
    console.log(usage.trim());
    process.exit(0);
  }
  return parsed;
}

module.exports = { parseCli };
