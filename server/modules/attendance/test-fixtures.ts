/** What the attendance integration suites share. */

/** 9:00–17:00, arrive 8:30–9:30 and stay eight hours, lunch 12:00–13:00 */
export const RULE = {
  name: '标准工时',
  startMin: 540,
  endMin: 1020,
  flexMin: 30,
  lunchStartMin: 720,
  lunchEndMin: 780,
};
