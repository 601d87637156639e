import { execFileSync, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { freePort } from './strapi';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

/**
 * The reverse proxy the README's "Past one machine" gives, as text: TLS ends here, and the client's
 * address and scheme go to Strapi in X-Forwarded-For and X-Forwarded-Proto. `paths` are the test's own.
 */
export function nginxConfig(o: {
  port: number;
  upstream: string;
  cert: string;
  key: string;
  dir: string;
}): string {
  return `worker_processes 1;
pid ${o.dir}/nginx.pid;
error_log ${o.dir}/error.log warn;
${process.getuid?.() === 0 ? 'user root root;' : ''}
events { worker_connections 128; }
http {
  access_log ${o.dir}/access.log;
  client_body_temp_path ${o.dir}/body;
  proxy_temp_path ${o.dir}/proxy;
  fastcgi_temp_path ${o.dir}/fastcgi;
  uwsgi_temp_path ${o.dir}/uwsgi;
  scgi_temp_path ${o.dir}/scgi;

  # --- as in the README ---
  upstream strapi { server ${o.upstream}; keepalive 16; }
  server {
    listen 127.0.0.1:${o.port} ssl;
    ssl_certificate ${o.cert};
    ssl_certificate_key ${o.key};
    client_max_body_size 25m;
    location / {
      proxy_pass http://strapi;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`;
}

/** A real nginx (Debian's), started as the test's own process with TLS from a self-signed certificate. */
export async function startNginx(upstream: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-nginx-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  const port = await freePort();
  const configFile = path.join(dir, 'nginx.conf');
  const config = nginxConfig({ port, upstream, cert, key, dir });
  fs.writeFileSync(configFile, config);
  const child = spawn(NGINX, ['-c', configFile, '-p', dir, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited ${child.exitCode}: ${stderr}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = require('net').connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.end(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not listen within 10 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    origin: `https://127.0.0.1:${port}`,
    config,
    ca: fs.readFileSync(cert),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGQUIT');
      }),
  };
}
