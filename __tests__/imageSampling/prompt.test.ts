/** The prompt reader: English and Chinese, "none" for what is not asked, and clear problems. */
import { parsePrompt, colourIndex, MAX_PROMPT_LENGTH } from '@/lib/imageSampling/prompt';

const pair = (s: string) => { const p = parsePrompt(s); return [p.digit, p.colour]; };

test.each([
  ['a red 7', 7, 'red'],
  ['seven in blue', 7, 'blue'],
  ['绿色的三', 3, 'green'],
  ['蓝色 7', 7, 'blue'],
  ['紫色的九', 9, 'purple'],
  ['7', 7, null],
  ['red', null, 'red'],
  ['A PINK Zero', 0, 'pink'],
  ['粉红色的8', 8, 'pink'],
  ['一个红色的七', 7, 'red'],
  ['紅色的五', 5, 'red'],
  ['白色 ４', 4, 'white'],
  ['two sevens in violet', 7, 'purple'],
  ['draw me a cyan 0 please', 0, 'cyan'],
  ['青色的零', 0, 'cyan'],
  ['一', 1, null],
])('%s → digit %p, colour %p', (text, digit, colour) => {
  const p = parsePrompt(text);
  expect([p.digit, p.colour]).toEqual([digit, colour]);
  expect(p.problems).toEqual([]);
});

test('understood and ignored words are reported as written', () => {
  const p = parsePrompt('a shiny red 7 on a cloud');
  expect(p.understood).toEqual(['red', '7']);
  expect(p.ignored).toEqual(['shiny', 'cloud']);
  expect(p.problems).toEqual([]);
  const z = parsePrompt('一只可爱的蓝色的三');
  expect(z.understood).toEqual(['蓝色', '三']);
  expect(z.ignored).toEqual(['可爱']);
});

test('an empty prompt means "any digit, any colour" without a problem', () => {
  expect(parsePrompt('')).toEqual({ digit: null, colour: null, understood: [], ignored: [], problems: [] });
  expect(parsePrompt('   ').problems).toEqual([]);
});

test('nonsense is reported, not guessed', () => {
  const p = parsePrompt('a happy cat');
  expect([p.digit, p.colour]).toEqual([null, null]);
  expect(p.problems).toEqual([{ kind: 'nothing-understood' }]);
  expect(p.ignored).toEqual(['happy', 'cat']);
  expect(parsePrompt('?!%').problems).toEqual([{ kind: 'nothing-understood' }]);
});

test('two different digits or colours are a conflict; the first one is used', () => {
  const p = parsePrompt('a red 3 and a 7');
  expect(p.digit).toBe(3);
  expect(p.problems).toContainEqual({ kind: 'two-digits', digits: [3, 7] });
  const c = parsePrompt('红色和蓝色的五');
  expect(c.colour).toBe('red');
  expect(c.problems).toContainEqual({ kind: 'two-colours', colours: ['red', 'blue'] });
  // the same digit twice is not a conflict
  expect(parsePrompt('7 seven 七').problems).toEqual([]);
});

test('numbers that are not single digits and unknown colours are named', () => {
  const p = parsePrompt('a black 12');
  expect([p.digit, p.colour]).toEqual([null, null]);
  expect(p.problems).toContainEqual({ kind: 'not-a-digit', text: '12' });
  expect(p.problems).toContainEqual({ kind: 'unknown-colour', text: 'black' });
  expect(parsePrompt('黑色的6').problems).toContainEqual({ kind: 'unknown-colour', text: '黑色' });
});

test('a very long prompt is cut and says so; non-strings do not crash', () => {
  const p = parsePrompt('red '.repeat(100) + '7');
  expect(p.problems).toContainEqual({ kind: 'too-long', max: MAX_PROMPT_LENGTH });
  expect(p.digit).toBeNull(); // the 7 was past the cut
  expect(parsePrompt(undefined as unknown as string).digit).toBeNull();
});

test('colour indices follow the model vocabulary order', () => {
  expect(colourIndex('red')).toBe(0);
  expect(colourIndex('white')).toBe(8);
  expect(colourIndex(null)).toBeNull();
});

test('a count before a plural digit is not read as the digit', () => {
  expect(pair('three red sevens')).toEqual([7, 'red']);
  expect(pair('2 7s')).toEqual([7, null]);
  expect(parsePrompt('three red sevens').problems).toEqual([]);
  expect(parsePrompt('三个红色的7').digit).toBe(7);
});
