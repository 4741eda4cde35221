// The quantity grammar, dates and durations of ../shared/criteria.md §2.5.
import { test } from "node:test";
import assert from "node:assert/strict";
import { daysSupply, parseCounts, parsePriorCount, parseRegimen } from "../../src/core/extract/quantity";
import { daysBetween, durationDays, noteDates, parseDate } from "../../src/core/extract/dates";
import { parseNote } from "../../src/core/note";

test("drug line: Norco 10-325 mg, 1/2 - 1 tab QID prn pain, #100 → 25 days, 10 mg x 4", () => {
  const r = parseRegimen(" 10-325 mg, 1/2 - 1 tab QID prn pain, #100");
  assert.equal(r.strength, 10);
  assert.equal(r.unitsPerDose, 1);
  assert.equal(r.dosesPerDay, 4);
  assert.equal(r.prn, true);
  assert.equal(r.quantity, 100);
  assert.equal(daysSupply(r), 25);
});

test("frequencies: q4-6h takes the shortest interval; 4 x a day; one daily; bid; q8h", () => {
  assert.equal(parseRegimen(" 5/325 1 tab q4-6h prn #60").dosesPerDay, 6);
  assert.equal(parseRegimen(" 10 mg 1 tab 4 x a day").dosesPerDay, 4);
  assert.equal(parseRegimen(" 10 mg, one daily").dosesPerDay, 1);
  assert.equal(parseRegimen(" 10 mg, one daily").unitsPerDose, 1);
  assert.equal(parseRegimen(" 500 mg BID #60").dosesPerDay, 2);
  assert.equal(parseRegimen(" 50 mg q8h").dosesPerDay, 3);
  assert.equal(parseRegimen(" 7.5 mg 1-2 tabs TID").unitsPerDose, 2);
});

test("quantity, refills and course length", () => {
  assert.equal(parseRegimen(" 0.5 mg TID #90, 2 refills").refills, 2);
  assert.equal(parseRegimen(" 10 mg qty: 30").quantity, 30);
  assert.equal(parseRegimen(" 5 mg TID x 10 days").courseDays, 10);
  assert.equal(daysSupply(parseRegimen(" 5 mg TID x 10 days")), 10);
  assert.equal(daysSupply(parseRegimen(" 10 mg #60")), undefined);
});

test("counts: injections, sets and visits", () => {
  assert.equal(parseCounts("five (5) trigger point injections with sedation").injections, 5);
  assert.equal(parseCounts("trigger point injection x1 under ultrasound").injections, 1);
  assert.equal(parseCounts("TPI x5 to trapezius").injections, 5);
  const sets = parseCounts("Trigger point injections x3 sets, low back");
  assert.equal(sets.sessions, 3);
  assert.equal(sets.injections, undefined);
  assert.equal(parseCounts("3 sets of trigger point injections").injections, undefined);
  assert.equal(parseCounts("Massage therapy 2x6").visits, 12);
  assert.equal(parseCounts("PT 2x/wk x 6 wks").visits, 12);
  assert.equal(parseCounts("Physical therapy x12 sessions").visits, 12);
  assert.equal(parseCounts("Massage therapy — 12 sessions").visits, 12);
});

test("prior counts", () => {
  assert.equal(parsePriorCount("Massage therapy | at least 6 visits"), 6);
  assert.equal(parsePriorCount("Has had 3 sets of trigger point injections"), 3);
  assert.equal(parsePriorCount("Physical therapy with no count"), undefined);
});

test("dates in the forms notes use", () => {
  assert.equal(parseDate("9-9-2015"), "2015-09-09");
  assert.equal(parseDate("01/03/2014"), "2014-01-03");
  assert.equal(parseDate("2/17/14"), "2014-02-17");
  assert.equal(parseDate("3/29/05"), "2005-03-29");
  assert.equal(parseDate("July 17, 2012"), "2012-07-17");
  assert.equal(parseDate("2015-09-09"), "2015-09-09");
  assert.equal(parseDate("12-2014"), "2014-12-01");
  assert.equal(parseDate("2/30/2015"), undefined);
  assert.equal(parseDate("13/01/2015"), undefined);
});

test("date arithmetic and durations", () => {
  assert.equal(daysBetween("2014-10-01", "2015-09-09"), 343);
  assert.equal(daysBetween("2016-02-28", "2016-03-01"), 2);
  assert.equal(durationDays("6", "weeks"), 42);
  assert.equal(durationDays("three", "months"), 90);
  assert.equal(durationDays("10", "d"), 10);
});

test("note dates: labelled DOS and DOI, header fallback, DOB ignored", () => {
  const a = noteDates(parseNote("DOS 2/17/14   DOI 3/29/05   38 y/o M\n"));
  assert.equal(a.service?.iso, "2014-02-17");
  assert.equal(a.injury?.iso, "2005-03-29");
  const b = noteDates(parseNote("pain mgmt f/u — 9-9-2015\n38yo female, DOI 10-1-2014\n\nCC: pain\n"));
  assert.equal(b.service?.iso, "2015-09-09");
  assert.equal(b.injury?.iso, "2014-10-01");
  const c = noteDates(parseNote("DOB: 01/01/1970\nDate of injury: 07/17/2012\nDate of service: 01/03/2014\n"));
  assert.equal(c.service?.iso, "2014-01-03");
  assert.equal(c.injury?.iso, "2012-07-17");
});
