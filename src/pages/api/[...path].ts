import type { APIRoute } from 'astro';
import { handleApi } from '../../../functions/routes.ts';

export const prerender = false;
export const ALL: APIRoute = ({ request, locals }) =>
  handleApi(request, locals.deps, { socketAddress: locals.socketAddress });
