/**
 * A real CAS 1/2/3 server for tests: Debian's python3-django-cas-server in a throw-away Django project
 * (sqlite in a temp dir, one user, one service pattern releasing `email`), served on 127.0.0.1 by a
 * threaded wsgiref server, over HTTP or over HTTPS with a throw-away CA made with openssl.
 * It has /login (form), /logout, /validate, /serviceValidate, /p3/serviceValidate; no /v1/tickets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SYSTEM_PYTHON } from './tools.js';

export interface DjangoCasOptions {
  username?: string;
  password?: string;
  email?: string;
  /** regular expression of the allowed services */
  servicePattern?: string;
  tls?: { certFile: string; keyFile: string };
}

export interface DjangoCas {
  /** the CAS prefix, e.g. http://127.0.0.1:PORT/cas */
  url: string;
  port: number;
  pid: number;
  username: string;
  password: string;
  email: string;
  /** a service URL that the service pattern allows */
  service: string;
  stop(): Promise<void>;
}

const SETTINGS = `
import os
BASE_DIR = os.path.dirname(os.path.abspath(__file__))
SECRET_KEY = 'casctl-tests-only'
DEBUG = False
ALLOWED_HOSTS = ['127.0.0.1', 'localhost', '[::1]']
INSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes', 'django.contrib.sessions', 'django.contrib.messages', 'cas_server']
MIDDLEWARE = [
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.contrib.messages.middleware.MessageMiddleware',
]
TEMPLATES = [{
    'BACKEND': 'django.template.backends.django.DjangoTemplates', 'DIRS': [], 'APP_DIRS': True,
    'OPTIONS': {'context_processors': ['django.template.context_processors.request', 'django.contrib.auth.context_processors.auth', 'django.contrib.messages.context_processors.messages']},
}]
ROOT_URLCONF = 'casproj.urls'
DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': os.path.join(BASE_DIR, 'db.sqlite3')}}
DEFAULT_AUTO_FIELD = 'django.db.models.AutoField'
USE_TZ = True
STATIC_URL = '/static/'
CAS_NEW_VERSION_HTML_WARNING = False
CAS_NEW_VERSION_EMAIL_WARNING = False
CAS_AUTH_CLASS = 'cas_server.auth.DjangoAuthUser'
`;

const URLS = `
from django.urls import include, path
urlpatterns = [path('cas/', include('cas_server.urls', namespace='cas_server'))]
`;

const RUNNER = `
import json, os, ssl, sys
from socketserver import ThreadingMixIn
project, username, password, email, pattern, cert, key = sys.argv[1:8]
sys.path.insert(0, project)
os.environ['DJANGO_SETTINGS_MODULE'] = 'casproj.settings'
if cert:
    os.environ['HTTPS'] = 'on'   # wsgiref reports wsgi.url_scheme=https: Django applies its HTTPS CSRF (Referer) checks
import django
django.setup()
from django.core.management import call_command
call_command('migrate', verbosity=0, interactive=False)
from django.contrib.auth.models import User
from cas_server.models import ServicePattern, ReplaceAttributName
User.objects.create_user(username=username, password=password, email=email)
sp = ServicePattern.objects.create(pos=1, name='app', pattern=pattern)
ReplaceAttributName.objects.create(name='email', service_pattern=sp)
from django.core.wsgi import get_wsgi_application
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
class Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
class Handler(WSGIRequestHandler):
    def log_message(self, *args):
        pass
httpd = make_server('127.0.0.1', 0, get_wsgi_application(), server_class=Server, handler_class=Handler)
if cert:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
print(json.dumps({'port': httpd.server_port}), flush=True)
httpd.serve_forever()
`;

export async function startDjangoCas(options: DjangoCasOptions = {}): Promise<DjangoCas> {
  const dir = await mkdtemp(join(tmpdir(), 'casctl-django-'));
  const project = join(dir, 'casproj');
  await mkdir(project);
  await writeFile(join(project, '__init__.py'), '');
  await writeFile(join(project, 'settings.py'), SETTINGS);
  await writeFile(join(project, 'urls.py'), URLS);
  const username = options.username ?? 'casuser';
  const password = options.password ?? 'Mellon & friends+=% 100';
  const email = options.email ?? 'casuser@example.org';
  const pattern = options.servicePattern ?? '^https://app\\.example\\.org(/.*)?$';
  const child: ChildProcess = spawn(
    SYSTEM_PYTHON,
    ['-c', RUNNER, dir, username, password, email, pattern, options.tls?.certFile ?? '', options.tls?.keyFile ?? ''],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`django-cas-server did not start within 30 s: ${stderr}`)), 30_000);
    child.on('error', (error) => reject(new Error(`cannot run ${SYSTEM_PYTHON} (python3-django-cas-server is installed by .ci/run): ${error.message}`)));
    child.on('exit', (code) => reject(new Error(`django-cas-server exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch {
        reject(new Error(`unexpected output from the django-cas-server runner: ${line}\n${stderr}`));
      }
    });
  });
  const scheme = options.tls ? 'https' : 'http';
  return {
    url: `${scheme}://127.0.0.1:${port}/cas`,
    port,
    pid: child.pid!,
    username,
    password,
    email,
    service: 'https://app.example.org/home',
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(child.pid!, 'SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Logs in through django-cas-server's form the way a browser does, independently of casctl (undici
 * fetch, hidden inputs read from the page), and returns a fresh service ticket for `service`.
 */
export async function browserLoginTicket(cas: DjangoCas, service = cas.service, caFile?: string): Promise<string> {
  const { Agent, fetch } = await import('undici');
  const { readFile } = await import('node:fs/promises');
  const dispatcher = new Agent({ connect: caFile ? { ca: await readFile(caFile, 'utf8') } : {} });
  try {
    const loginUrl = `${cas.url}/login?service=${encodeURIComponent(service)}`;
    const page = await fetch(loginUrl, { dispatcher });
    const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const html = await page.text();
    const fields = new URLSearchParams();
    for (const tag of html.match(/<input[^>]*type="hidden"[^>]*>/g) ?? []) {
      const name = /name="([^"]*)"/.exec(tag)?.[1];
      const value = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
      if (name) fields.set(name, value.replace(/&amp;/g, '&'));
    }
    fields.set('username', cas.username);
    fields.set('password', cas.password);
    const post = await fetch(loginUrl, {
      method: 'POST',
      dispatcher,
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies, referer: loginUrl },
      body: fields.toString(),
    });
    const location = post.headers.get('location');
    const ticket = location ? new URL(location).searchParams.get('ticket') : null;
    if (!ticket) throw new Error(`django-cas-server gave no ticket (HTTP ${post.status})`);
    return ticket;
  } finally {
    await dispatcher.close();
  }
}
