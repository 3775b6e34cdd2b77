/**
 * Spanish signals (Latin American and European usage). Doubled letters are collapsed by the
 * normaliser, so "encerrada" is written and matched as "encerada", "llevan" as "levan".
 */
import type { Lexicon } from './types.ts';

const OBJ = '(?:me|nos|la|lo|las|los|le|les)';
const DOC =
  '(?:pasaport\\w*|pasport\\w*|documento\\w*|papeles|dni|cedula|identificacion|visa|permiso|contrato|carnet|ine)';

export const es: Lexicon = {
  code: 'es',
  script: 'latin',
  negators: ['nunca', 'nadie', 'jamas', 'tampoco'],
  localNegators: ['no', 'ni'],
  clauseBreaks: ['y', 'pero', 'luego', 'entonces', 'porque', 'aunque', 'pues'],
  signals: {
    confinement: [
      'enc(?:e|ie)r(?<!(?:documento|papel|pasaport)\\w* (?:\\w+ ){0,2}enc(?:e|ie)r)\\w*',
      '(?:retenid|secuestr|atrapad|prisioner|cautiv|encadenad)(?<!(?:documento|papel|pasaport)\\w* (?:\\w+ ){0,2}\\w+)\\w*',
      '(?:bajo|con) (?:lave|candado)',
      `!no (?:${OBJ} )?(?:dejan?|deja|dejaron|permit\\w*) (?:\\w+ )?(?:salir|irme|irnos|ir|escapar)`,
      '!no (?:\\w+ )?(?:puedo|podemos|puede|pueden) (?:salir|escapar|irme|irnos)',
      '(?:tienen|tiene|mantienen|tenian) (?:\\w+ ){0,3}(?:encer\\w*|retenid\\w*|bajo lave)',
      '(?:puerta|reja) (?:\\w+ )?(?:cerada con lave|con lave|con candado)',
      `${OBJ} tienen (?:ahi|ahi dentro|ali|alli|aca|aqui) (?:dentro|adentro|encerad\\w*)?`,
    ],
    'threat-to-kill': [
      `${OBJ} mat(?:a|an|ara|aran|arian|aria|e|en|o)\\b`,
      'matar\\w*',
      '(?:amenaz\\w* de muerte|amenaz\\w* con matar\\w*|asesin\\w*)',
    ],
    violence: [
      '(?:golpe\\w*|maltrat\\w*|abus\\w*|viol(?:a|an|o|aron|ada|ado|adas|encia|ar)|tortur\\w*|paliza\\w*|cachetad\\w*|patad\\w*|lastim\\w*|herid\\w*)\\b',
      `${OBJ} (?:peg\\w*|quem\\w*|pate\\w*)`,
    ],
    weapon: [
      '(?:arma|armas|armad[oa]s?|pistolas?|revolver|cuchil\\w*|machete\\w*|navaja\\w*|escopeta\\w*|fusil\\w*)\\b',
    ],
    'sexual-exploitation': [
      '(?:oblig\\w*|forz\\w*|fuerz\\w*) (?:\\w+ ){0,2}(?:a )?(?:prostitu\\w*|acostarse|tener sexo|sexo|bailar para)',
      '(?:explotacion sexual|prostibulo|burdel|proxeneta|prostitucion forzada)',
    ],
    'being-sold': [
      `${OBJ} vend(?:ieron|io|en|an)\\b`,
      '(?:fue|fueron|fui|fuimos) vendid\\w*',
      'venden (?:a )?(?:chicas|mujeres|ninas|ninos|personas)',
    ],
    'moving-now': [
      `(?:${OBJ}) (?:estan |van a )?(?:lev|traslad|transport|muev|mov)\\w* (?:\\w+ ){0,4}(?:ahora|esta noche|frontera|camion|no se (?:a )?donde|otro lugar|lejos|afuera)`,
      `(?:nos|me|las|los) estan (?:levando|trasladando|transportando|moviendo)`,
      '(?:en|dentro de) (?:un|el) (?:camion|furgon\\w*|contenedor|barco|lancha|maletero|baul)\\b',
    ],
    'no-food': [
      '!(?:sin|no hay|no tenemos|no tengo|nada de) (?:\\w+ )?(?:comida|comer|agua|alimento\\w*)',
      `!no (?:${OBJ} )?(?:dan|dieron|da|daban) (?:de )?(?:comer|comida|agua|nada de comer)`,
      '!no (?:h?emos|he|e|h?an|h?a) comido',
      '!no (?:comemos|como|comen)\\b',
      'hambre\\b',
    ],
    hiding: [
      '(?:escondid\\w*|escond\\w*|ocult(?:o|a|os|as|amos|andome|andonos)|escap(?:amos|ado|ada|e de))\\b',
      `${OBJ} (?:buscan|estan buscando|persiguen|siguen)\\b`,
    ],
    'danger-now': [
      'en peligro',
      'peligro de muerte',
      '(?:miedo|temo) por (?:mi|nuestra|su) vida',
      'vengan (?:rapido|ya|pronto)',
    ],
    'rescue-plea': [
      '(?:socoro|auxilio|salv(?:en|enme|anos|ame|enos|eme))\\b',
      'sos\\b',
      'rescat(?:en|enme|enos)\\b',
    ],
    'help-request': ['ayud\\w*'],
    'documents-taken': [
      `(?:quit\\w*|kit\\w*|quedo con|qued\\w* con|retien\\w*|reten\\w*|guard\\w*|tiene|tienen|confisc\\w*|rob\\w*|agar\\w*|levaron) (?:\\w+ ){0,3}${DOC}`,
      `${DOC} (?:\\w+ ){0,2}(?:retenid\\w*|quitad\\w*|confiscad\\w*)`,
      '!no (?:\\w+ ){0,2}(?:devolv|devuelv|regres|entreg)\\w*',
    ],
    'debt-bondage': [
      '(?:deuda\\w*|debiendo|endeudad\\w*|descuent\\w*|desquit\\w*)\\b',
      '(?:le|les) (?:debo|debemos)\\b',
      '(?:debo|debemos) (?:\\d+|dinero|plata|el pasaje|el viaje)',
      'pagar (?:el |la )?(?:pasaje|viaje|transporte|deuda)',
    ],
    'wages-withheld': [
      '!sin (?:sueldo|salario|paga|pago|cobrar)',
      `!no (?:${OBJ} )?(?:pag\\w*|han pagado|ha pagado)`,
      '!(?:sueldo|salario|pago|paga) (?:\\w+ ){0,3}(?:nunca|no) (?:lega|me lo|lo|nos lo)',
      '(?:retien\\w*|quedan con) (?:el |mi |nuestro )?(?:sueldo|salario|pago)',
    ],
    deception: [
      `(?:${OBJ}) (?:prometieron|prometio|dijeron que|ofrecieron) (?:\\w+ ){0,8}(?:pero|y luego|en cambio|resulto)`,
      `(?:${OBJ}) (?:engan\\w*|mintieron|mintio|estafaron|timaron)`,
      '(?:enganad\\w*|mentira\\w*|estafad\\w*)\\b',
      '(?:otro|diferente|distinto) (?:trabajo|contrato|salario) (?:al|del|que el) (?:prometido|acordado)',
    ],
    'forced-overtime': [
      '(?:1[2-9]|2[0-3]) ?(?:horas|hrs|h)\\b',
      '!sin (?:dias? (?:de )?)?(?:descanso|libre|libres|vacaciones)',
      '!no (?:tengo|tenemos) (?:dias? )?(?:libre|de descanso)',
      '(?:dia y noche|7 dias a la semana|todos los dias sin)',
    ],
    'forced-labour': [
      '(?:oblig\\w*|forz\\w*|fuerz\\w*) (?:\\w+ ){0,2}a (?:trabajar|mendigar|vender|robar|limpiar|pedir)',
      '(?:trabajo forzado|esclav\\w*)',
      '!no (?:puedo|podemos) renunciar',
    ],
    isolation: [
      '(?:quit\\w*|kit\\w*|rob\\w*|confisc\\w*|guard\\w*) (?:\\w+ ){0,2}(?:celular|telefono|movil)',
      `!no (?:${OBJ} )?dejan (?:hablar|lamar|usar el (?:telefono|celular))`,
    ],
    threat: [
      '(?:amenaz\\w*|deportar\\w*|chantaj\\w*)',
      'denunciar\\w* (?:a|con) (?:la )?(?:policia|migracion)',
    ],
    child: [
      '(?:nin[oa]s?|nene\\w*|chamac\\w*|chiquil\\w*|criatura|bebe|adolescente\\w*|infant\\w*)\\b',
      '(?:menor(?:es)? de edad|menores|un menor|una menor|el menor|la menor|menor de 18)\\b',
    ],
    immediate: [
      '(?:ahora|ahorita|inmediat\\w*|urgente|rapido)\\b',
      '(?:ya mismo|esta noche|en este momento)',
    ],
    'third-party-report': [
      'mi (?:amig[oa]|herman[oa]|prim[oa]|vecin[oa]|sobrin[oa]|hij[oa]|espos[oa]|mama|madre|padre|papa|tia|tio|companer[oa])\\b',
      '(?:una|unas|unos|las|los|a|hay) (?:mujer\\w*|chicas?|muchach\\w*|trabajador\\w*|personas|gente|senor\\w*)\\b',
      '(?:vecin\\w*|vi (?:a|que)|alguien)\\b',
      '(?:casa|departamento|piso) de al lado',
    ],
    uncertain: [
      '(?:creo que|pienso que|sospecho|me parece|parece que|tal vez|quizas?|a lo mejor|no estoy segur\\w*)\\b',
    ],
    'negated-danger': [
      '!no (?:estoy|estamos|corro|corremos) (?:en )?peligro',
      '(?:estoy|estamos) (?:bien|a salvo|segur[oa]s?)\\b',
      'sin peligro',
    ],
    hypothetical: [
      '(?:que pasa si|que hago si|y si)\\b',
      'si (?:mi|un|el) (?:empleador|patron|jefe|agencia|contratista)',
      '(?:puede|pueden) (?:mi|un|el) (?:empleador|patron|jefe) (?:quitarme|quedarse|retener)',
    ],
    question: [
      '(?:como|donde|cuando|cual\\w*|quien\\w*|por que|cuanto\\w*|puedo|hay|es legal|es normal)\\b',
      '(?:una pregunta|solo pregunto)',
    ],
    'info-request': ['(?:informacion|info|saber|requisitos|consejo|orientacion|lista|tramite\\w*)\\b'],
    visa: ['(?:visas?|permiso de trabajo|residencia|migra\\w*|inmigra\\w*|emigra\\w*|renovar)\\b'],
    rights: [
      '(?:derechos?|legal\\w*|ilegal\\w*|ley|leyes|contrato|salario minimo|denuncia\\w*|abogad\\w*)\\b',
    ],
    'agency-check': [
      '(?:agencias?|reclut\\w*|contratista|licencia|registrad\\w*|verific\\w*|confiable|real|estafa)\\b',
    ],
    'job-offer': [
      '(?:oferta\\w*|anuncio|vacante\\w*)\\b',
      'trabaj\\w* (?:en el )?(?:extranjero|afuera|exterior)',
    ],
    'hotline-info': ['(?:linea|numero|gratis|gratuit\\w*|horario|oficina|ustedes)\\b', 'como funciona'],
    'greeting-only': ['(?:hola|ola|buenas|buenos dias|buen dia|saludos|que tal|alo)\\b'],
    thanks: [
      'gracias (?:por|x) (?:la|tu|su) (?:ayuda|informacion|info|respuesta)',
      '(?:gracias|grax|grasias|mil gracias|vale|ok|listo|de acuerdo|chao|adios|hasta luego)\\b',
      '(?:nada mas|eso es todo)',
    ],
    test: ['(?:prueba|probando)\\b'],
    spam: [
      '(?:gana\\w*|gratis|promo\\w*|descuento\\w*|click|prestamo\\w*|credito\\w*|premio\\w*|sorteo)\\b',
      '(?:oferta especial|haz clic|dinero facil|desde casa)',
      '(?:escribe|responde|envia) si\\b',
    ],
    // Chain letters: pass this on to so many people, or bad luck follows.
    'chain-letter': [
      '(?:comparte\\w*|reenvia\\w*|envia\\w*|manda\\w*|pasa\\w*) (?:\\w+ ){0,3}(?:a|con) \\d+ (?:personas|amigos|grupos|contactos)\\b',
      'rompas la cadena',
    ],
    work: ['trabaj(?:ando|a|an)\\b'],
    filler: ['(?:por favor|porfa|xfa|muy|mucho|muchas|senor\\w*|amig[oa]|a|la|el|de)\\b'],
  },
};
