import { parseSearch, searchableText } from './search-text';

describe('searchableText', () => {
  it('drops accents and case, and collapses spaces', () => {
    expect(searchableText('Familia  Quíspe ÑAUPA')).toBe('familia quispe naupa');
    expect(searchableText('Asociación Ü')).toBe('asociacion u');
    expect(searchableText(' Familia "La Unión", Ccatca ')).toBe('familia "la union", ccatca');
  });
});

describe('parseSearch', () => {
  it('reads a reference in any case', () => {
    expect(parseSearch(' ql-7k4m2p ')).toEqual({ by: 'reference', reference: 'QL-7K4M2P' });
  });

  it('reads 8 or 11 digits as a DNI or RUC, other digits as a name', () => {
    expect(parseSearch('45871236')).toEqual({ by: 'document', documentId: '45871236' });
    expect(parseSearch('20123456789')).toEqual({ by: 'document', documentId: '20123456789' });
    expect(parseSearch('4587')).toEqual({ by: 'name', pattern: '%4587%' });
  });

  it('reads anything else as part of a name, its LIKE wildcards escaped', () => {
    expect(parseSearch('Quíspe')).toEqual({ by: 'name', pattern: '%quispe%' });
    expect(parseSearch('50%_a\\b')).toEqual({ by: 'name', pattern: '%50\\%\\_a\\\\b%' });
  });
});
