import { triageCases } from './triage-cases.ts';

triageCases('Spanish', [
  { text: 'nos tienen encerrados en la bodega, no podemos salir', priority: 'emergency', lang: 'es' },
  { text: 'el encargado me golpeo y dijo que me va a matar', priority: 'emergency' },
  // Without accents and with a typo.
  { text: 'ayudenme, estoy escondida en un bano y me estan buscando', priority: 'emergency' },
  { text: 'hace dos dias que no nos dan de comer', priority: 'emergency' },
  {
    text: 'una niña de 13 años trabaja en el bar ahora mismo, la obligan',
    priority: 'emergency',
    minor: true,
  },
  { text: 'el patron se quedo con mi pasaporte', priority: 'urgent', reasons: ['documents-taken'] },
  { text: 'no me pagan desde hace tres meses', priority: 'urgent', reasons: ['wages-withheld'] },
  {
    text: 'me prometieron trabajo en un hotel pero me pusieron a limpiar casas',
    priority: 'urgent',
    reasons: ['deception'],
  },
  { text: 'no estoy en peligro, solo quiero saber mis derechos', priority: 'standard' },
  { text: 'como verifico una agencia de empleo?', priority: 'standard' },
  { text: 'hola', priority: 'noise' },
  { text: 'muchas gracias', priority: 'noise' },
]);
