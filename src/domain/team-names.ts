/**
 * The key a team's name is compared by: trimmed, in Unicode compatibility form (NFKC), without regard to
 * case. Names are unique in an org by this key (the teams table's `name_key`), and documents that name
 * teams (the sharing document, a project's members, a mass update's filter) find them by it.
 */
export function teamNameKey(name: string): string {
  return name.trim().normalize("NFKC").toLowerCase();
}
