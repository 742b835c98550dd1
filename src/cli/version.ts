/** The package version, from package.json (bundled into the build). */
import pkg from '../../package.json' with { type: 'json' };

/** The package version, e.g. `0.1.0`. */
export const version: string = pkg.version;
