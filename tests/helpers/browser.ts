import fs from 'fs';
import path from 'path';
import type { AddressInfo } from 'net';
import { chromium, type Browser } from 'playwright-core';
import { startTestApp, type TestApp } from './strapi';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with nothing that reaches for the network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface ListeningApp extends TestApp {
  baseUrl: string;
}

/** A test app that listens on a free port on 127.0.0.1, for a browser (and the pages' own HTTP calls) to reach. */
export async function startListeningApp(
  label: string,
  extraEnv: Record<string, string> = {}
): Promise<ListeningApp> {
  const app = await startTestApp(label, { HOST: '127.0.0.1', PORT: '0', ...extraEnv });
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.strapi.server.httpServer.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  // Links in emails and the pages' API calls use the public URL: point it at this port.
  const config = app.strapi.config as unknown as { set: (k: string, v: unknown) => void };
  config.set('plugin::submissions.publicUrl', baseUrl);
  config.set('plugin::website.publicUrl', baseUrl);
  process.env.PUBLIC_URL = baseUrl;
  return { ...app, baseUrl };
}

export const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts');

export function artifactPath(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
