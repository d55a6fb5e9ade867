/**
 * Name material for fictitious attendees. The mix mirrors who actually comes to such a
 * conference in central Germany (several generations of East German first names, people with a
 * migration history, a few West German names) and deliberately contains the characters that break
 * naive software: umlauts, ß, hyphenated first and last names, accents and name particles.
 */

export const FIRST_NAMES: readonly string[] = [
  // Born roughly 1955–1975
  'Andreas', 'Bärbel', 'Birgit', 'Cornelia', 'Dietmar', 'Frank', 'Gabriele', 'Gudrun', 'Günter',
  'Hans-Jürgen', 'Heike', 'Jörg', 'Karl-Heinz', 'Kerstin', 'Klaus-Dieter', 'Petra', 'Rainer',
  'Regina', 'Roswitha', 'Thomas', 'Ulrich', 'Ute', 'Uwe', 'Wolfgang', 'Sabine', 'Jürgen',
  // Born roughly 1975–1990
  'Anja', 'Björn', 'Christian', 'Daniela', 'Enrico', 'Franziska', 'Ines', 'Jana', 'Jens',
  'Kathrin', 'Mandy', 'Marko', 'Nadine', 'Peggy', 'René', 'Ronny', 'Sandra', 'Sören', 'Steffen',
  'Stefanie', 'Susann', 'Tino', 'Yvonne', 'Maik', 'Grit', 'Silke', 'Doreen', 'Jörn',
  // Born roughly 1990–2000
  'Anna-Lena', 'Clara', 'Eva-Maria', 'Felix', 'Hannah', 'Jan-Philipp', 'Jonas', 'Julia', 'Lea',
  'Lukas', 'Marie-Luise', 'Maximilian', 'Paula', 'Sophie', 'Tobias', 'Johanna', 'Malte', 'Zoë',
  'Friederike', 'Hendrik', 'Lisa', 'Merle', 'Niklas', 'Käthe',
  // Names common among people with a migration history
  'Aylin', 'Dmytro', 'Elif', 'Fatima', 'Hamid', 'Irina', 'Katarzyna', 'Mehmet', 'Thi Lan',
  'Olena', 'Samir', 'Tuan', 'Yusuf', 'Nikolai', 'Amira', 'Milena',
];

export const LAST_NAMES: readonly string[] = [
  // Umlauts
  'Müller', 'Schröder', 'Köhler', 'Krüger', 'Böhm', 'Jäger', 'Günther', 'Hähnel', 'Höfer',
  'Lüdtke', 'Thürmer', 'Sänger', 'Göbel', 'Börner', 'Kühnel', 'Möbius', 'Röder', 'Schütze',
  'Wündsch', 'Fröbel', 'Hübner', 'Löffler', 'Türk', 'Jähnichen', 'Rößler',
  // ß
  'Weiß', 'Groß', 'Strauß', 'Meißner', 'Voß', 'Preuß', 'Nußbaum', 'Fleißner', 'Großmann',
  'Weißflog', 'Spießhöfer',
  // Common without special characters
  'Schmidt', 'Schneider', 'Fischer', 'Wagner', 'Becker', 'Hoffmann', 'Schulz', 'Koch', 'Richter',
  'Wolf', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Hartmann', 'Lange', 'Werner', 'Krause',
  'Lehmann', 'Schubert', 'Kaiser', 'Fuchs', 'Vogel', 'Friedrich', 'Keller', 'Winkler', 'Lorenz',
  'Berger', 'Seidel', 'Ziegler', 'Kretschmer', 'Heinrich', 'Engel', 'Sommer', 'Beyer', 'Pohl',
  'Kunze', 'Haase', 'Arnold', 'Franke', 'Dietrich', 'Ebert', 'Kirchner', 'Scholz', 'Pietsch',
  'Uhlig', 'Hempel', 'Zschiesche', 'Wendt', 'Geißler', 'Tietze', 'Reinhardt', 'Starke',
  // Migration history
  'Yılmaz', 'Demir', 'Kaya', 'Nowak', 'Kowalski', 'Nguyen', 'Tran', 'Haddad', 'Petrenko',
  'Schewtschenko', 'Popescu', 'Rahimi', 'Ivanova', 'Özdemir',
  // Particles: sorting and e-mail local parts must cope with these
  'von der Heide', 'von Berg', 'de Vries', 'van Dijk', 'von Ahlen',
];

/** Surnames that only make sense as the second half of a hyphenated name. */
export const DOUBLE_NAME_PARTS: readonly string[] = [
  'Lüdenscheidt', 'Wohlgemuth', 'Brandenburg', 'Sonnenschein', 'Ehrenfeld', 'Osterloh',
];

/** Private mail domains for people who register with a personal address (reserved TLDs only). */
export const PRIVATE_MAIL_DOMAINS: readonly string[] = [
  'mail.example.com', 'post.example.net', 'web.example.org', 'posteo.example',
];

/**
 * Local part of an e-mail address the way German mail administrators usually build it:
 * umlauts transliterated, ß → ss, particles and spaces dropped, other accents stripped.
 */
export function mailLocalPart(name: string): string {
  return name
    .replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue')
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '');
}
