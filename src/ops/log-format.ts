type Env = (name: string, fallback?: string) => string | undefined;

/** LOG_FORMAT: "json" (the default in production) or "pretty" (elsewhere). Read by config/logger and config/server. */
export function logFormat(env: Env): 'json' | 'pretty' {
  const format = env('LOG_FORMAT', env('NODE_ENV') === 'production' ? 'json' : 'pretty');
  if (format !== 'json' && format !== 'pretty')
    throw new Error(`LOG_FORMAT must be "json" or "pretty", not "${format}"`);
  return format;
}
