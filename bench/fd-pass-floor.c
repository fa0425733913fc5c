/* The floor of the owners pass: the /proc/PID/fd walk in C with the fewest system calls
 * (getdents64 through readdir, one readlinkat per fd relative to the fd directory), on 1 or
 * more threads, counting the fds that are sockets. What ss -p does, minus its printing.
 *   cc -O2 -pthread -o fd-pass-floor fd-pass-floor.c && ./fd-pass-floor [THREADS]
 * Used by bench/fd-pass-floor.sh; see docs/PERFORMANCE.md. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int pids[4194304];
static int npids, next_pid;
static long fds_total, sockets_total;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void *work(void *unused) {
  char path[64], link[64];
  long fds = 0, sockets = 0;
  (void) unused;
  for (;;) {
    pthread_mutex_lock(&lock);
    int i = next_pid++;
    pthread_mutex_unlock(&lock);
    if (i >= npids) break;
    snprintf(path, sizeof path, "/proc/%d/fd", pids[i]);
    int dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) continue;
    DIR *d = fdopendir(dir);
    struct dirent *e;
    while ((e = readdir(d))) {
      if (e->d_name[0] == '.') continue;
      ssize_t n = readlinkat(dir, e->d_name, link, sizeof link);
      fds++;
      if (n > 8 && memcmp(link, "socket:[", 8) == 0) sockets++;
    }
    closedir(d);
  }
  __sync_fetch_and_add(&fds_total, fds);
  __sync_fetch_and_add(&sockets_total, sockets);
  return NULL;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 1;
  pthread_t t[64];
  if (threads < 1 || threads > 64) threads = 1;
  double start = now();
  DIR *proc = opendir("/proc");
  struct dirent *e;
  while ((e = readdir(proc)) && npids < (int) (sizeof pids / sizeof pids[0]))
    if (e->d_name[0] >= '1' && e->d_name[0] <= '9') pids[npids++] = atoi(e->d_name);
  closedir(proc);
  for (int i = 0; i < threads; i++) pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
  printf("%d thread(s): %d processes, %ld fds, %ld sockets, %.1f ms\n", threads, npids,
         fds_total, sockets_total, (now() - start) * 1e3);
  return 0;
}
