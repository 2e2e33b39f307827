import { describe, expect, it } from "vitest";
import {
  activitySentence,
  chartStart,
  describeSpan,
  fillChartDays,
  overview,
  percentagesSummingTo100,
  relativeTime,
  startOfUtcMonth,
} from "./invitation-dashboard.js";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const now = new Date("2026-03-10T12:00:00.000Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("percentagesSummingTo100", () => {
  it("gives the guide's example: 24 / 4 / 2 are 80% / 13% / 7%", () => {
    expect(percentagesSummingTo100([24, 4, 2])).toEqual([80, 13, 7]);
  });

  it("always adds up to exactly 100 where rounding each would not", () => {
    expect(percentagesSummingTo100([1, 1, 1])).toEqual([34, 33, 33]);
    expect(percentagesSummingTo100([2, 2, 2, 1])).toEqual([29, 29, 28, 14]);
    for (const counts of [
      [1, 2, 3],
      [7, 7, 7],
      [999, 1, 0],
      [5, 0, 0],
      [1, 1, 1, 1, 1, 1],
    ]) {
      expect(percentagesSummingTo100(counts).reduce((a, b) => a + b, 0)).toBe(100);
    }
  });

  it("is all zeros when nothing was counted", () => {
    expect(percentagesSummingTo100([0, 0, 0])).toEqual([0, 0, 0]);
  });
});

describe("relative times", () => {
  it("speaks in the guide's units, floored", () => {
    expect(describeSpan(30 * 1000)).toBe("moments");
    expect(describeSpan(MINUTE)).toBe("1 minute");
    expect(describeSpan(59 * MINUTE)).toBe("59 minutes");
    expect(describeSpan(2 * HOUR)).toBe("2 hours");
    expect(describeSpan(47 * HOUR)).toBe("1 day");
    expect(describeSpan(3 * DAY)).toBe("3 days");
    expect(describeSpan(7 * DAY)).toBe("1 week");
    expect(describeSpan(59 * DAY)).toBe("8 weeks");
    expect(describeSpan(60 * DAY)).toBe("2 months");
    expect(describeSpan(400 * DAY)).toBe("1 year");
  });

  it("says ago, and treats the future as now", () => {
    expect(relativeTime(ago(2 * HOUR), now)).toBe("2 hours ago");
    expect(relativeTime(ago(10 * 1000), now)).toBe("just now");
    expect(relativeTime(new Date(now.getTime() + HOUR), now)).toBe("just now");
  });
});

describe("calendar boundaries", () => {
  it("starts this month at midnight UTC on the first", () => {
    expect(startOfUtcMonth(now).toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(startOfUtcMonth(new Date("2026-03-31T23:59:59.999Z")).toISOString()).toBe(
      "2026-03-01T00:00:00.000Z",
    );
    expect(startOfUtcMonth(new Date("2026-04-01T00:00:00.000Z")).toISOString()).toBe(
      "2026-04-01T00:00:00.000Z",
    );
  });

  it("charts 30 UTC days ending today, filling days without activity with zeros", () => {
    expect(chartStart(now).toISOString()).toBe("2026-02-09T00:00:00.000Z");
    const days = fillChartDays(now, [{ day: "2026-03-10", count: 4 }], [{ day: "2026-02-09", count: 2 }]);
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ day: "2026-02-09", sent: 0, accepted: 2 });
    expect(days[29]).toEqual({ day: "2026-03-10", sent: 4, accepted: 0 });
    expect(days.slice(1, 29).every((day) => day.sent === 0 && day.accepted === 0)).toBe(true);
  });
});

describe("overview", () => {
  it("leaves cancelled invitations out of the percentages", () => {
    const result = overview({ accepted: 24, pending: 4, expired: 2, revoked: 9 }, 3, 8, now);
    expect(result).toEqual({
      accepted: { count: 24, percent: 80 },
      pending: { count: 4, percent: 13 },
      expired: { count: 2, percent: 7 },
      revoked: { count: 9 },
      resent: { count: 3 },
      newMembersThisMonth: { count: 8, since: "2026-03-01T00:00:00.000Z" },
    });
  });
});

describe("activitySentence", () => {
  const base = { inviteeName: null, inviteeEmail: "x@co.com", currentStatus: "pending" as const };

  it("matches the guide's Recent Activity lines", () => {
    expect(
      activitySentence(
        {
          ...base,
          action: "invitation.accepted",
          at: ago(2 * HOUR),
          inviteeName: "Alice Johnson",
          currentStatus: "accepted",
        },
        now,
      ),
    ).toBe("Alice Johnson accepted invitation (2 hours ago)");
    expect(
      activitySentence(
        { ...base, action: "invitation.created", at: ago(3 * DAY), inviteeName: "Bob Smith" },
        now,
      ),
    ).toBe("Bob Smith invitation pending (3 days)");
    expect(
      activitySentence(
        {
          ...base,
          action: "invitation.expired",
          at: ago(7 * DAY),
          inviteeName: "Carol Wilson",
          currentStatus: "expired",
        },
        now,
      ),
    ).toBe("Carol Wilson invitation expired (1 week ago)");
  });

  it("names the invitee by email when they have no name, and says invited once no longer pending", () => {
    expect(
      activitySentence(
        { ...base, action: "invitation.created", at: ago(DAY), currentStatus: "revoked" },
        now,
      ),
    ).toBe("x@co.com was invited (1 day ago)");
    expect(
      activitySentence({ ...base, action: "invitation.created", at: ago(1000), inviteeName: "  " }, now),
    ).toBe("x@co.com invitation pending (just sent)");
  });

  it("has a sentence for every other invitation action", () => {
    const at = ago(5 * MINUTE);
    expect(activitySentence({ ...base, action: "invitation.resent", at }, now)).toBe(
      "x@co.com invitation resent (5 minutes ago)",
    );
    expect(activitySentence({ ...base, action: "invitation.revoked", at }, now)).toBe(
      "x@co.com invitation cancelled (5 minutes ago)",
    );
    expect(activitySentence({ ...base, action: "invitation.extended", at }, now)).toBe(
      "x@co.com invitation extended (5 minutes ago)",
    );
    expect(activitySentence({ ...base, action: "invitation.reminded", at }, now)).toBe(
      "x@co.com reminded of invitation (5 minutes ago)",
    );
    expect(activitySentence({ ...base, action: "invitation.updated", at }, now)).toBe(
      "x@co.com invitation edited (5 minutes ago)",
    );
  });
});
