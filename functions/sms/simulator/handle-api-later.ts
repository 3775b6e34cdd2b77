/**
 * The API router, for the simulator's phone to post its signed webhook through. Imported when
 * first needed: routes.ts imports the phone's route, so a static import here would be a cycle.
 */
import type { ApiHandler } from '../../http/router.ts';

export async function handleApiLater(): Promise<ApiHandler> {
  return (await import('../../routes.ts')).handleApi;
}
