// Obsolete zone names of RFC 5322 §4.3 and the common regional ones MTAs still write, as
// minutes east of UTC.

export const ZONES: Readonly<Record<string, number>> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  BST: 60,
  IST: 60,
  JST: 540,
};
