import { ORG_ROLES, type OrgRole, TEAM_ROLES, type TeamRole } from "../roles.js";
import type { EffectiveRules } from "./permission-sets.js";
import type { Principal } from "./policy-types.js";

// A compiled policy's people, laid out so that finding a person costs one cache line at any size.
//
// A Map of a million people spreads one lookup over four or five places in a heap of gigabytes: the
// hash bucket, the entry, the stored key string (to compare it), the person object, their team map.
// Each is a cache and TLB miss, and on a virtual machine a miss costs about half a microsecond, so
// checks at a million people took 2.5x as long as at a thousand. Here a person is one 32-byte slot of
// an open-addressing table held outside the JS heap: their id (a UUID, as 128 bits), their profile
// and up to three team memberships. Everything else about a person is shared by everyone alike and
// stays in the CPU's cache: profiles (role, department, permission sets and their combined rules,
// projects), team ids, and the maps of people who are in one team. A check reads that one slot and
// builds a small principal from it.
//
// The slot also holds the person's department, as a number: checks on a project's resources ask it
// (isProjectMember), and at a million people there are some 80,000 profiles, too many to stay in the
// cache, but a few departments.
//
// People who do not fit (an id that is not a lowercase UUID, more than three teams, a team beyond
// the 16,383rd, a profile beyond the 524,288th, a department beyond the 4,095th) are kept as plain
// principals in a Map beside the table; they decide the same way.

/** What people share: a check reads it for everyone with the same role, department, sets and projects. */
export type Profile = {
  readonly role: Principal["role"];
  readonly department: string | null;
  readonly sets: Principal["sets"];
  readonly projectIds: readonly string[];
  readonly rules: EffectiveRules;
};

/** One person as the compiler hands them over. */
export type PersonEntry = {
  userId: string;
  name: string;
  profile: Profile;
  /** The team's own id strings (those of `teamIds`), with the person's role in each. */
  teamRoles: ReadonlyMap<string, TeamRole>;
};

/**
 * Words per slot (32 bytes, so a slot never straddles a cache line):
 *   0-3  the id, as four 32-bit words
 *   4    1 + (profile index | department index << 19) (0: an empty slot)
 *   5    first team | second team << 16, each (team index + 1) << 2 | team role, 0 for none
 *   6    third team | org role << 16 | set group << 18
 *   7    person index
 * A check reads the org role, teams, permission sets and department from the slot; projects, which few
 * checks need (projects are asked whether the person is in them), from the profile.
 */
const WORDS = 8;
const MAX_TEAMS = 3;
const MAX_TEAM_INDEX = (1 << 14) - 2;
const MAX_SET_GROUP = (1 << 14) - 1;
const PROFILE_BITS = 19;
const PROFILE_MASK = (1 << PROFILE_BITS) - 1;
const MAX_DEPARTMENT = (1 << (31 - PROFILE_BITS)) - 2;
/** Roles as two-bit codes: their positions in TEAM_ROLES and ORG_ROLES, which decode them. */
const codesOf = <R extends string>(roles: readonly R[]) =>
  Object.fromEntries(roles.map((role, i) => [role, i])) as Record<R, number>;
const ROLE_CODE = codesOf(TEAM_ROLES);
const ORG_ROLE_CODE = codesOf(ORG_ROLES);
export const NO_TEAM_ROLES: ReadonlyMap<string, TeamRole> = new Map();

/** Hex digit values of lowercase [0-9a-f], -1 for every other character code below 128. */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) HEX[97 + i] = 10 + i;

/** `n` hex digits of `id` from `at` as a number; negative when any is not a lowercase hex digit. */
function hex(id: string, at: number, n: number): number {
  let value = 0;
  let bad = 0;
  for (let i = at; i < at + n; i++) {
    const c = id.charCodeAt(i);
    const v = c < 128 ? (HEX[c] as number) : -1;
    bad |= v;
    value = (value << 4) | (v & 15);
  }
  return bad < 0 ? -1 : value >>> 0;
}

/**
 * Reads a UUID in its canonical form (36 characters, lowercase, hyphens at 8, 13, 18 and 23) into
 * `out` as four 32-bit words. False for anything else, which then is not in the table at all.
 */
function parseUuid(id: string, out: Int32Array): boolean {
  if (
    id.length !== 36 ||
    id.charCodeAt(8) !== 45 ||
    id.charCodeAt(13) !== 45 ||
    id.charCodeAt(18) !== 45 ||
    id.charCodeAt(23) !== 45
  )
    return false;
  const a = hex(id, 0, 8);
  const b = hex(id, 9, 4);
  const c = hex(id, 14, 4);
  const d = hex(id, 19, 4);
  const e = hex(id, 24, 4);
  const f = hex(id, 28, 8);
  if (a < 0 || b < 0 || c < 0 || d < 0 || e < 0 || f < 0) return false;
  out[0] = a;
  out[1] = (b << 16) | c;
  out[2] = (d << 16) | e;
  out[3] = f;
  return true;
}

/** murmur3's finalizer over the four words: UUIDv7s begin with a timestamp, so every word is mixed. */
function slotOf(w: Int32Array, mask: number): number {
  let h = Math.imul(w[0] as number, 0xcc9e2d51) ^ (w[1] as number);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) ^ (w[2] as number);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ (w[3] as number);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h ^= h >>> 13;
  return h & mask;
}

const teamCode = (teamIndex: number, role: TeamRole) => ((teamIndex + 1) << 2) | ROLE_CODE[role];

/** A person in two or three teams: their memberships read straight from the slot's words. */
class PackedTeamRoles implements ReadonlyMap<string, TeamRole> {
  readonly size: number;
  constructor(
    private readonly teamIds: readonly string[],
    private readonly codes: readonly number[],
  ) {
    this.size = codes.length;
  }
  private idAt(i: number): string {
    return this.teamIds[((this.codes[i] as number) >>> 2) - 1] as string;
  }
  private roleAt(i: number): TeamRole {
    return TEAM_ROLES[(this.codes[i] as number) & 3] as TeamRole;
  }
  get(teamId: string): TeamRole | undefined {
    for (let i = 0; i < this.size; i++) if (this.idAt(i) === teamId) return this.roleAt(i);
    return undefined;
  }
  has(teamId: string): boolean {
    return this.get(teamId) !== undefined;
  }
  forEach(
    fn: (role: TeamRole, teamId: string, map: ReadonlyMap<string, TeamRole>) => void,
    thisArg?: unknown,
  ) {
    for (let i = 0; i < this.size; i++) fn.call(thisArg, this.roleAt(i), this.idAt(i), this);
  }
  *keys(): MapIterator<string> {
    for (let i = 0; i < this.size; i++) yield this.idAt(i);
  }
  *values(): MapIterator<TeamRole> {
    for (let i = 0; i < this.size; i++) yield this.roleAt(i);
  }
  *entries(): MapIterator<[string, TeamRole]> {
    for (let i = 0; i < this.size; i++) yield [this.idAt(i), this.roleAt(i)];
  }
  [Symbol.iterator](): MapIterator<[string, TeamRole]> {
    return this.entries();
  }
}

/** People with the same permission sets: their list and combined rules. */
type SetGroup = { readonly sets: Principal["sets"]; readonly rules: EffectiveRules };

/**
 * A person read from their slot. What the slot does not hold is read when asked for: projects from the
 * profile, the name (explanations never ask) from the list of names.
 */
class PersonPrincipal implements Principal {
  readonly sets: Principal["sets"];
  rules: EffectiveRules | undefined;
  constructor(
    readonly userId: string,
    readonly role: OrgRole,
    group: SetGroup,
    readonly teamRoles: ReadonlyMap<string, TeamRole>,
    private readonly index: PeopleIndex,
    /** The slot's word 4, less 1: profile index | department index << 19. */
    private readonly placed: number,
    readonly personIndex: number,
  ) {
    this.sets = group.sets;
    this.rules = group.rules;
  }
  get department(): string | null {
    return this.index.departmentAt(this.placed >>> PROFILE_BITS);
  }
  get projectIds(): readonly string[] {
    return this.index.profileAt(this.placed & PROFILE_MASK).projectIds;
  }
  get name(): string {
    return this.index.nameAt(this.personIndex);
  }
}

export class PeopleIndex {
  readonly size: number;
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly ids: string[] = [];
  private readonly names: string[] = [];
  private readonly profiles: Profile[] = [];
  private readonly profileIndex = new Map<Profile, number>();
  private readonly departments: (string | null)[] = [];
  private readonly departmentIndex = new Map<string | null, number>();
  private readonly setGroups: SetGroup[] = [];
  private readonly setGroupIndex = new Map<Principal["sets"], number>();
  /** Team ids by team index; `teamIndex` is its inverse. */
  private readonly teamIds: readonly string[];
  private readonly teamIndex: ReadonlyMap<string, number>;
  /** The shared map of everyone in one team with one role, by teamIndex * 4 + role code. */
  private readonly soleTeamRoles: (ReadonlyMap<string, TeamRole> | undefined)[] = [];
  /** People who do not fit a slot, as plain principals. */
  private readonly others = new Map<string, Principal>();
  private readonly words = new Int32Array(4);

  constructor(teamIds: readonly string[], people: readonly PersonEntry[]) {
    this.teamIds = teamIds;
    this.teamIndex = new Map(teamIds.map((id, i) => [id, i]));
    this.size = people.length;
    let capacity = 16;
    while (capacity < people.length * 1.5) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * WORDS);
    for (const person of people) this.add(person);
  }

  private add(person: PersonEntry): void {
    const codes = this.teamCodes(person.teamRoles);
    let group = this.setGroupIndex.get(person.profile.sets);
    if (group === undefined && this.setGroups.length <= MAX_SET_GROUP) {
      group = this.setGroups.push({ sets: person.profile.sets, rules: person.profile.rules }) - 1;
      this.setGroupIndex.set(person.profile.sets, group);
    }
    let department = this.departmentIndex.get(person.profile.department);
    if (department === undefined && this.departments.length <= MAX_DEPARTMENT) {
      department = this.departments.push(person.profile.department) - 1;
      this.departmentIndex.set(person.profile.department, department);
    }
    const profileFits = this.profileIndex.has(person.profile) || this.profiles.length <= PROFILE_MASK;
    if (
      codes === null ||
      group === undefined ||
      department === undefined ||
      !profileFits ||
      !parseUuid(person.userId, this.words)
    ) {
      this.others.set(person.userId, {
        userId: person.userId,
        personIndex: -1,
        name: person.name,
        ...person.profile,
        teamRoles: person.teamRoles,
      });
      return;
    }
    let profile = this.profileIndex.get(person.profile);
    if (profile === undefined) {
      profile = this.profiles.push(person.profile) - 1;
      this.profileIndex.set(person.profile, profile);
    }
    const index = this.ids.push(person.userId) - 1;
    this.names.push(person.name);
    const at = this.probe();
    if (this.slots[at + 4] !== 0) throw new Error(`Person ${person.userId} is listed twice.`);
    this.slots.set(this.words, at);
    this.slots[at + 4] = 1 + (profile | (department << PROFILE_BITS));
    this.slots[at + 5] = (codes[0] ?? 0) | ((codes[1] ?? 0) << 16);
    this.slots[at + 6] = (codes[2] ?? 0) | (ORG_ROLE_CODE[person.profile.role] << 16) | (group << 18);
    this.slots[at + 7] = index;
  }

  /** Up to three (team, role) codes, sole-team maps made on the way; null when they do not fit. */
  private teamCodes(teamRoles: ReadonlyMap<string, TeamRole>): number[] | null {
    if (teamRoles.size > MAX_TEAMS) return null;
    const codes: number[] = [];
    for (const [teamId, role] of teamRoles) {
      const index = this.teamIndex.get(teamId);
      if (index === undefined || index > MAX_TEAM_INDEX || this.teamIds[index] !== teamId) return null;
      codes.push(teamCode(index, role));
      if (teamRoles.size === 1) this.soleTeamRoles[index * 4 + ROLE_CODE[role]] ??= teamRoles;
    }
    return codes;
  }

  /** Where the id in `words` is, or the empty slot where it would go (linear probing). */
  private probe(): number {
    const s = this.slots;
    const w = this.words;
    for (let slot = slotOf(w, this.mask); ; slot = (slot + 1) & this.mask) {
      const at = slot * WORDS;
      if (s[at + 4] === 0) return at;
      if (s[at] === w[0] && s[at + 1] === w[1] && s[at + 2] === w[2] && s[at + 3] === w[3]) return at;
    }
  }

  /** The slot holding `userId`, or -1. */
  private find(userId: string): number {
    if (!parseUuid(userId, this.words)) return -1;
    const at = this.probe();
    return this.slots[at + 4] === 0 ? -1 : at;
  }

  get(userId: string): Principal | undefined {
    const at = this.find(userId);
    if (at < 0) return this.others.size === 0 ? undefined : this.others.get(userId);
    const s = this.slots;
    const ab = s[at + 5] as number;
    const w6 = s[at + 6] as number;
    const c = w6 & 0xffff;
    let teamRoles: ReadonlyMap<string, TeamRole>;
    if (ab === 0) teamRoles = NO_TEAM_ROLES;
    else if (ab >>> 16 === 0)
      teamRoles = this.soleTeamRoles[((ab >>> 2) - 1) * 4 + (ab & 3)] as ReadonlyMap<string, TeamRole>;
    else
      teamRoles = new PackedTeamRoles(
        this.teamIds,
        c === 0 ? [ab & 0xffff, ab >>> 16] : [ab & 0xffff, ab >>> 16, c],
      );
    return new PersonPrincipal(
      userId,
      ORG_ROLES[(w6 >>> 16) & 3] as OrgRole,
      this.setGroups[w6 >>> 18] as SetGroup,
      teamRoles,
      this,
      (s[at + 4] as number) - 1,
      s[at + 7] as number,
    );
  }

  profileAt(profile: number): Profile {
    return this.profiles[profile] as Profile;
  }

  departmentAt(index: number): string | null {
    return this.departments[index] as string | null;
  }

  nameAt(personIndex: number): string {
    return this.names[personIndex] as string;
  }

  /** The person's `personIndex`: their position in the table, or -1 (not a member, or kept outside it). */
  indexOf(userId: string): number {
    const at = this.find(userId);
    return at < 0 ? -1 : (this.slots[at + 7] as number);
  }

  has(userId: string): boolean {
    return this.find(userId) >= 0 || this.others.has(userId);
  }

  /** Every person's id: those in the table in the order they were added, then the others. */
  *keys(): IterableIterator<string> {
    yield* this.ids;
    yield* this.others.keys();
  }
}
