// ANSI colours for the human reports. With colour off every paint is the identity, so the
// same formatting code serves terminals, pipes and tests.

export type Paint = (text: string) => string;

export interface Palette {
  green: Paint;
  amber: Paint;
  red: Paint;
  grey: Paint;
  dim: Paint;
  bold: Paint;
}

export function terminalPalette(color: boolean): Palette {
  const wrap = (open: number, close: number): Paint =>
    color ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
  return {
    green: wrap(32, 39),
    amber: wrap(33, 39),
    red: wrap(31, 39),
    grey: wrap(90, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}
