/**
 * The authenticator's key as a QR code, drawn on the server as inline SVG: the secret never goes
 * to a third-party QR service and the page loads nothing from elsewhere. The encoder is `uqr`
 * (MIT, no dependencies); the drawing is one path, black modules on white with a quiet zone.
 */
import { encode } from 'uqr';

export function totpQrSvg(uri: string): string {
  const { data, size } = encode(uri, { ecc: 'M', border: 4 });
  let path = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size * 6}" height="${size * 6}" shape-rendering="crispEdges" aria-hidden="true" focusable="false">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}
