/**
 * Sanity CLI settings: `npm run studio` (sanity dev), `sanity build`, `sanity schema extract`,
 * `sanity dataset import`. The project and dataset come from the same variables as the site's.
 */
import { defineCliConfig } from 'sanity/cli';

const forStudio = {
  SANITY_STUDIO_PROJECT_ID: process.env.SANITY_PROJECT_ID ?? '',
  SANITY_STUDIO_DATASET: process.env.SANITY_DATASET ?? '',
  SANITY_STUDIO_PREVIEW_BASE_URL: process.env.PUBLIC_BASE_URL ?? '',
};
for (const [name, value] of Object.entries(forStudio)) process.env[name] ||= value;

export default defineCliConfig({
  api: {
    projectId: process.env.SANITY_PROJECT_ID || 'unconfigured',
    dataset: process.env.SANITY_DATASET || 'production',
  },
  studioHost: process.env.SANITY_STUDIO_HOST,
  deployment: { autoUpdates: false },
});
