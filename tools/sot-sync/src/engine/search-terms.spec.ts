import { idTokensOf, parseSearchTerms } from './search-terms';

describe('parseSearchTerms', () => {
  it('keeps words and compounds, drops function words, and derives the id tokens', () => {
    const terms = parseSearchTerms('why did we pick DEC-012 over BUILD-153.1?');
    expect(terms.terms.map((term) => term.text)).toEqual(['why', 'pick', 'DEC-012', 'over', 'BUILD-153.1']);
    expect(terms.terms.find((term) => term.text === 'BUILD-153.1')?.tokens).toEqual(['build', '153', '1']);
    expect(terms.idTokens).toEqual(['dec12', 'build153d1']);
    expect(terms.ids).toEqual(['DEC-012', 'BUILD-153.1']);
  });

  it('turns bare numbers into the number tokens of ids: 012 and 12 alike, 153.1 with its dot', () => {
    expect(parseSearchTerms('012').idTokens).toEqual(['12']);
    expect(parseSearchTerms('12').idTokens).toEqual(['12']);
    expect(parseSearchTerms('153.1').idTokens).toEqual(['153d1']);
    expect(parseSearchTerms('dec-12').idTokens).toEqual(['dec12']);
    expect(parseSearchTerms('0').idTokens).toEqual([]);
  });

  it('keeps function words when nothing else is left, folds accents and repeats nothing', () => {
    expect(parseSearchTerms('the of').terms.map((term) => term.text)).toEqual(['the', 'of']);
    expect(parseSearchTerms('Café café').terms.map((term) => term.tokens)).toEqual([['cafe']]);
    expect(parseSearchTerms('   ').terms).toEqual([]);
  });

  it('makes of an entry id the tokens the stores index for it', () => {
    expect(idTokensOf('DEC-012')).toBe('dec12 12');
    expect(idTokensOf('BUILD-153.1')).toBe('build153d1 153d1');
  });
});
