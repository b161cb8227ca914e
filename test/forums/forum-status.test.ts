// A forum's public status comes from one rule and reads the same on the list, the landing page
// and the member's home: a forum that starts later takes applications only until its deadline,
// and an invitation-only one never says it does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, type Member } from '../helpers/forum-fixture.ts';
import { publicForumStatus } from '../../server/forums/forum-status.ts';

let t: TestApp;
let participant: Member;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  participant = await member(t, 'participant');
}, 180_000);
afterAll(async () => t?.close());

async function setForum(values: {
  startsAt: string;
  endsAt: string;
  deadline: string;
  invitationOnly?: boolean;
  openEnrolment?: boolean;
}) {
  await t.db
    .updateTable('forums')
    .set({
      starts_at: new Date(values.startsAt),
      ends_at: new Date(values.endsAt),
      application_deadline: new Date(values.deadline),
      invitation_only: values.invitationOnly ?? false,
      open_enrolment: values.openEnrolment ?? false,
    })
    .where('slug', '=', LIVE)
    .execute();
}

async function statuses() {
  const list = await t.get('/api/forums').set('Cookie', participant.cookie).expect(200);
  const landing = await t.get(`/api/forums/${LIVE}`).set('Cookie', participant.cookie).expect(200);
  const home = await t.get('/api/home').set('Cookie', participant.cookie).expect(200);
  const call = await t.get(`/api/forums/${LIVE}/application`).expect(200);
  return {
    list: list.body.forums.find((f: { slug: string }) => f.slug === LIVE).status,
    landing: landing.body.forum.status,
    home: home.body.forums.find((f: { slug: string }) => f.slug === LIVE).status,
    callOpen: call.body.call.open,
  };
}

describe('a forum’s public status', () => {
  it('says applications are open only while they are', async () => {
    await setForum({
      startsAt: '2099-03-01T05:00:00Z',
      endsAt: '2099-04-10T04:00:00Z',
      deadline: '2099-02-01T05:00:00Z',
    });
    expect(await statuses()).toEqual({ list: 'recruiting', landing: 'recruiting', home: 'recruiting', callOpen: true });

    await setForum({
      startsAt: '2099-03-01T05:00:00Z',
      endsAt: '2099-04-10T04:00:00Z',
      deadline: '2020-02-01T05:00:00Z',
    });
    expect(await statuses()).toEqual({
      list: 'applications_closed',
      landing: 'applications_closed',
      home: 'applications_closed',
      callOpen: false,
    });

    await setForum({
      startsAt: '2099-03-01T05:00:00Z',
      endsAt: '2099-04-10T04:00:00Z',
      deadline: '2099-02-01T05:00:00Z',
      invitationOnly: true,
    });
    expect(await statuses()).toEqual({
      list: 'invitation_only',
      landing: 'invitation_only',
      home: 'invitation_only',
      callOpen: false,
    });

    // Open enrolment admits new members without an application, deadline or not.
    await setForum({
      startsAt: '2099-03-01T05:00:00Z',
      endsAt: '2099-04-10T04:00:00Z',
      deadline: '2020-02-01T05:00:00Z',
      openEnrolment: true,
    });
    expect((await statuses()).landing).toBe('recruiting');

    await setForum({
      startsAt: '2020-03-01T05:00:00Z',
      endsAt: '2099-04-10T04:00:00Z',
      deadline: '2020-02-01T05:00:00Z',
    });
    expect((await statuses()).landing).toBe('running');
    await setForum({
      startsAt: '2020-03-01T05:00:00Z',
      endsAt: '2020-04-10T04:00:00Z',
      deadline: '2020-02-01T05:00:00Z',
    });
    expect((await statuses()).landing).toBe('closed');
  });

  it('is decided by one function, with drafts first', () => {
    const forum = {
      published: false,
      starts_at: new Date('2099-03-01T05:00:00Z'),
      ends_at: new Date('2099-04-10T04:00:00Z'),
      application_deadline: new Date('2099-02-01T05:00:00Z'),
      invitation_only: false,
      open_enrolment: false,
    };
    const now = new Date('2099-01-01T00:00:00Z');
    expect(publicForumStatus(forum, now)).toBe('draft');
    expect(publicForumStatus({ ...forum, published: true }, now)).toBe('recruiting');
    expect(publicForumStatus({ ...forum, published: true }, new Date('2099-02-01T05:00:00Z'))).toBe(
      'applications_closed',
    );
  });
});
