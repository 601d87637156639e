import https from 'https';
import http from 'http';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  cookies: string[];
  text: string;
}

/**
 * A browser-like client bound to one local address (127.0.0.2, 127.0.0.3 ...: all loopback on
 * Linux), with a cookie jar, so that a server sees each client at its own address.
 */
export function clientAt(origin: string, localAddress: string, ca?: Buffer) {
  const jar = new Map<string, string>();
  const lib = origin.startsWith('https:') ? https : http;
  const agent = new (lib === https ? https.Agent : http.Agent)({ keepAlive: false, ...(ca ? { ca } : {}) });

  function request(method: string, path: string, form?: Record<string, string>): Promise<Reply> {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const url = new URL(path, origin);
    return new Promise((resolve, reject) => {
      const req = lib.request(
        url,
        {
          method,
          agent,
          localAddress,
          headers: {
            cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
          },
        },
        (res) => {
          const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
          for (const c of cookies) {
            const [pair] = c.split(';');
            const at = pair.indexOf('=');
            jar.set(pair.slice(0, at), pair.slice(at + 1));
          }
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, cookies, text }));
        }
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  return {
    get: (path: string) => request('GET', path),
    post: (path: string, form: Record<string, string>) => request('POST', path, form),
    /** GET the form at `formPath`, then POST to `path` with its CSRF token. */
    async submit(path: string, form: Record<string, string>, formPath = path) {
      const page = await request('GET', formPath);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
      if (!csrf) throw new Error(`no CSRF token on ${formPath} (${page.status})`);
      return request('POST', path, { _csrf: csrf, ...form });
    },
  };
}
