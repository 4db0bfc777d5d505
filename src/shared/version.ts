/** The platform's version, shown by `fazhi version`, /healthz and the web's 关于 page. */
export const VERSION = '0.1.0';
