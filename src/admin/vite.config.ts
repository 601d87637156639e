import type { UserConfig } from 'vite';

/**
 * `strapi build` asks Vite for a production build, but Strapi has already set NODE_ENV to
 * "development" when it is unset (and NODE_ENV=production would need every secret just to build), so
 * Vite compiled React's development build and development JSX: several times slower to render, and
 * the main reason the review queue took seconds. Production builds get React's production build.
 */
export default (config: UserConfig): UserConfig =>
  config.mode === 'production'
    ? {
        ...config,
        esbuild: config.esbuild === false ? false : { ...config.esbuild, jsxDev: false },
        define: { ...config.define, 'process.env.NODE_ENV': JSON.stringify('production') },
      }
    : config;
