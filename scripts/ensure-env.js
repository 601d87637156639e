#!/usr/bin/env node
// First run on a developer's machine: create .env from .env.example with fresh random secrets.
// Never in production, where a missing secret must stop the start (config/server.ts says which).
const fs = require('fs');
const path = require('path');
const { randomBytes } = require('crypto');
const SECRET_NAMES = require('../src/lib/secret-names.json');

const root = path.join(__dirname, '..');

function ensureEnv() {
  const envFile = path.join(root, '.env');
  if (process.env.NODE_ENV === 'production' || fs.existsSync(envFile)) return;
  const random = () => randomBytes(24).toString('base64');
  const lines = fs
    .readFileSync(path.join(root, '.env.example'), 'utf8')
    .split('\n')
    .map((line) => {
      const name = line.split('=')[0];
      if (!SECRET_NAMES.includes(name)) return line;
      return `${name}=${name === 'APP_KEYS' ? [random(), random(), random(), random()].join(',') : random()}`;
    });
  fs.writeFileSync(envFile, lines.join('\n'), { mode: 0o600 });
  console.error('Created .env with fresh random secrets (keep it out of git).'); // stderr: stdout may be data
}

if (require.main === module) ensureEnv();
module.exports = { ensureEnv };
