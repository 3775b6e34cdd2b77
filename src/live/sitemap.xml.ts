/** Twin of sitemap.xml for on-demand rendering from the content snapshot. */
export { GET } from '../pages/sitemap.xml.ts';
