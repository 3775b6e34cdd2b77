import type { APIRoute } from 'astro';
import { handleApi } from '../../../functions/routes.ts';

export const prerender = false;
export const ALL: APIRoute = ({ request, locals, clientAddress }) =>
  handleApi(request, locals.deps, { address: clientAddress });
