// 20 teachers saving marks at once for a minute (issue 5): every save must succeed, none may be
// lost or doubled, and the history chain must stay intact. Black-box over HTTP.
//   node bench/load/marks.mjs URL [TEACHERS] [SECONDS]      (bench/load/marks.sh starts a server)
const url = process.argv[2];
const teachers = Number(process.argv[3] ?? 20);
const seconds = Number(process.argv[4] ?? 60);
if (!url) {
  console.error('usage: node bench/load/marks.mjs URL [TEACHERS] [SECONDS]');
  process.exit(2);
}
const today = new Date().toISOString().slice(0, 10);

async function login(login, password) {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (r.status !== 200) throw new Error(`login ${login}: ${r.status} ${await r.text()}`);
  const body = await r.json();
  const cookie = r.headers.get('set-cookie').split(';')[0];
  return { cookie, csrf: body.csrfToken, id: body.user.id };
}

function client(session) {
  return async (method, path, body) => {
    const r = await fetch(`${url}${path}`, {
      method,
      headers: {
        Cookie: session.cookie,
        'X-CSRF-Token': session.csrf,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
}

// The administrator gives 20 teachers a known password (demo teachers have none).
const admin = client(await login('admin', 'demo'));
const staff = (await admin('GET', '/api/v1/users?role=teacher&limit=500')).body.items.filter((u) => u.login);
const password = 'load test password 1';
const sessions = [];
for (const t of staff) {
  if (sessions.length === teachers) break;
  await admin('POST', `/api/v1/users/${t.id}/password`, { newPassword: password });
  const session = await login(t.login, password);
  const api = client(session);
  // A journal of the current period the teacher teaches in, with its held lessons.
  // (Not grade 1: no marks there.)
  const journals = (await api('GET', '/api/v1/journals')).body.items.filter(
    (j) => j.current && j.teachers.some((x) => x.id === session.id) && !/^1\D/.test(j.class?.name ?? j.group?.name),
  );
  for (const j of journals) {
    const grid = (await api('GET', `/api/v1/journals/${j.id}`)).body;
    const lessons = grid.lessons.filter((l) => l.canWrite && l.date <= today);
    if (lessons.length && grid.students.length) {
      sessions.push({ login: t.login, api, journal: j.id, lessons, students: grid.students });
      break;
    }
  }
}
if (sessions.length < teachers) console.warn(`only ${sessions.length} teachers with a journal to write`);

const saved = new Map(); // journal -> set of mark ids
const latencies = [];
const errors = {};
let repeats = 0;
const end = Date.now() + seconds * 1000;
await Promise.all(
  sessions.map(async (s, n) => {
    saved.set(s.journal, saved.get(s.journal) ?? new Set());
    for (let i = 0; Date.now() < end; i += 1) {
      const lesson = s.lessons[i % s.lessons.length];
      const student = s.students[(i * 7 + n) % s.students.length];
      const body = {
        lessonId: lesson.id,
        studentId: student.id,
        value: String(2 + ((i + n) % 4)),
        workType: 'oral',
        clientId: `load-${n}-${i}`,
      };
      const t0 = performance.now();
      const r = await s.api('POST', `/api/v1/journals/${s.journal}/marks`, body);
      latencies.push(performance.now() - t0);
      if (r.status === 201) {
        saved.get(s.journal).add(r.body.id);
      } else {
        const code = r.body?.error?.code ?? String(r.status);
        errors[code] = (errors[code] ?? 0) + 1;
      }
      // Now and then the same write again, as after a dropped connection: the same mark, nothing new.
      if (i % 10 === 0 && r.status === 201) {
        const again = await s.api('POST', `/api/v1/journals/${s.journal}/marks`, body);
        repeats += 1;
        if (again.status !== 200 || again.body.id !== r.body.id) {
          errors['repeat not idempotent'] = (errors['repeat not idempotent'] ?? 0) + 1;
        }
      }
    }
  }),
);

// Every saved mark is in its journal, once.
let lost = 0;
let total = 0;
for (const [journal, ids] of saved) {
  const grid = (await sessions.find((s) => s.journal === journal).api('GET', `/api/v1/journals/${journal}`)).body;
  const present = new Set(grid.marks.map((m) => m.id));
  for (const id of ids) if (!present.has(id)) lost += 1;
  total += ids.size;
}
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))].toFixed(1);
console.log(`teachers: ${sessions.length}, seconds: ${seconds}`);
console.log(`marks saved: ${total} (${(total / seconds).toFixed(0)}/s), repeats sent: ${repeats}`);
console.log(`latency ms: p50 ${pct(50)}, p95 ${pct(95)}, p99 ${pct(99)}, max ${latencies[latencies.length - 1].toFixed(1)}`);
console.log(`errors: ${JSON.stringify(errors)}`);
console.log(`lost: ${lost}`);
process.exit(Object.keys(errors).length === 0 && lost === 0 && total > 0 ? 0 : 1);
