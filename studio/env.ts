/**
 * The Studio's settings. The Studio runs in the browser, where only variables named SANITY_STUDIO_*
 * exist; sanity.cli.ts copies the site's own SANITY_PROJECT_ID, SANITY_DATASET and PUBLIC_BASE_URL
 * into those names at build time, so one .env serves the site and the Studio.
 */
export interface StudioEnv {
  projectId: string;
  dataset: string;
  previewBaseUrl?: string;
}

export function studioEnv(env: Record<string, string | undefined> = process.env): StudioEnv {
  return {
    // A placeholder keeps `sanity schema extract` and `sanity build` working before a project exists.
    projectId: env.SANITY_STUDIO_PROJECT_ID || env.SANITY_PROJECT_ID || 'unconfigured',
    dataset: env.SANITY_STUDIO_DATASET || env.SANITY_DATASET || 'production',
    previewBaseUrl:
      (env.SANITY_STUDIO_PREVIEW_BASE_URL || env.PUBLIC_BASE_URL || '').replace(/\/$/, '') || undefined,
  };
}
