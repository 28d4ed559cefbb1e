/**
 * Family enterprises of the demo, drawn deterministically so every start makes the same ones. The
 * value chains keep the first project's proportions (490 milk, 240 guinea pig, 50 mushroom, 20 native
 * potato, 18 cheese, 10 restaurants of 828), in a sample of 48.
 */
export const VALUE_CHAIN_SAMPLE: [string, number][] = [
  ['dairy', 28],
  ['guinea_pig', 12],
  ['mushroom', 3],
  ['native_potato', 2],
  ['cheese', 2],
  ['restaurant', 1],
];

const MUNICIPALITIES = [
  'Ocongate',
  'Ocongate',
  'Ocongate',
  'Ccatca',
  'Ccatca',
  'Ccatca',
  'Andahuaylillas',
  'Andahuaylillas',
  'Anta',
  'Chumbivilcas',
  'Pomacanchi',
];
const SURNAMES = [
  'Quispe',
  'Mamani',
  'Huamán',
  'Condori',
  'Ccori',
  'Huallpa',
  'Apaza',
  'Choque',
  'Illa',
  'Puma',
  'Sutta',
  'Yupanqui',
  'Ccahuana',
  'Layme',
  'Chillihuani',
  'Turpo',
  'Huaman',
  'Ccoa',
  'Gutiérrez',
  'Cusi',
];
const INNOVATIONS: Record<string, [string, string][]> = {
  dairy: [
    ['Ordeñadora y tanque de enfriamiento', 'Ordeño mecánico'],
    ['Pastos mejorados y ensilado', 'Ensilado de avena y vicia para la época seca'],
    ['Porongos de acero y tanque de frío', 'Cadena de frío hasta el centro de acopio'],
  ],
  cheese: [['Prensa y moldes para queso', 'Queso andino prensado de calidad estable']],
  guinea_pig: [
    ['Galpones mejorados para cuyes', 'Jaulas elevadas y pozas de reproducción separadas'],
    ['Reproductores de línea mejorada', 'Línea mejorada con más peso a las 10 semanas'],
  ],
  mushroom: [['Sala de cultivo de hongos', 'Sala con humedad controlada para hongos ostra']],
  native_potato: [
    ['Almacén de semilla orgánica', 'Almacén de luz difusa para semilla de papa nativa'],
  ],
  restaurant: [
    ['Equipos de cocina para restaurante rural', 'Cocina mejorada y conservación en frío'],
  ],
};

/** A deterministic pseudo-random generator (mulberry32), so the demo is the same on every machine. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoEnterprise {
  index: number;
  body: Record<string, unknown>;
  documentId: string;
}

/** Whole soles as a money string: every demo amount is exact. */
const soles = (value: number) => `${Math.round(value)}.00`;

export function demoEnterprises(): DemoEnterprise[] {
  const next = random(828);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const chains = VALUE_CHAIN_SAMPLE.flatMap(([chain, n]) => Array<string>(n).fill(chain));
  return chains.map((valueChain, index) => {
    const documentId = String(41000000 + index * 7919);
    const [purpose, description] = pick(INNOVATIONS[valueChain]);
    const amount = Math.round((1500 + next() * (index % 9 === 0 ? 16000 : 8000)) / 100) * 100;
    const cost = Math.round((amount * (1.1 + next() * 0.4)) / 100) * 100;
    const grant = Math.min(5000, Math.floor((cost * 0.4 * (0.5 + next() * 0.5)) / 100) * 100);
    const revenue = Math.round((1800 + next() * 3500) / 50) * 50;
    return {
      index,
      documentId,
      body: {
        enterprise: {
          name: `Familia ${pick(SURNAMES)} ${pick(SURNAMES)}`,
          documentId,
          municipality: pick(MUNICIPALITIES),
          valueChain,
          womenLed: next() < 0.45,
          associationMember: next() < 0.6,
          yearsInActivity: Math.floor(next() * 15),
        },
        request: {
          amount: soles(amount),
          termMonths: pick([12, 18, 24, 24, 36]),
          graceMonths: pick([0, 0, 0, 2, 3]),
          purpose,
          collateralValue: next() < 0.25 ? soles(amount * 0.6) : '0.00',
          innovation: { description, cost: soles(cost), grantRequested: soles(grant) },
        },
        cashflow: {
          monthlyRevenue: soles(revenue),
          monthlyCosts: soles(revenue * (0.3 + next() * 0.2)),
          householdExpenses: soles(500 + next() * 500),
          otherDebtPayments: next() < 0.3 ? soles(100 + next() * 300) : '0.00',
        },
      },
    };
  });
}
