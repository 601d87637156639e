import SECRET_NAMES from './secret-names.json';

// The scaffold's placeholders count as missing: they are public, so they protect nothing.
const PLACEHOLDER = /^(tobemodified\d*)(,tobemodified\d*)*$/i;

/** Names of the secrets Strapi signs and encrypts with that are unset or still placeholders. */
export function missingSecrets(env: NodeJS.ProcessEnv): string[] {
  return SECRET_NAMES.filter((name) => {
    const value = env[name]?.trim();
    return !value || PLACEHOLDER.test(value);
  });
}

/** In production a missing secret stops the start: a random one would log everyone out on restart. */
export function assertProductionSecrets(env: NodeJS.ProcessEnv): void {
  if (env.NODE_ENV !== 'production') return;
  const missing = missingSecrets(env);
  if (missing.length > 0) {
    throw new Error(
      `Missing secrets in production: ${missing.join(', ')}. ` +
        'Set each to a long random string in the environment (see .env.example).'
    );
  }
}
