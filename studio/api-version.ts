/** The API version the Studio's own queries use (the site's loader has its own setting). */
export const STUDIO_API_VERSION = '2025-02-19';
