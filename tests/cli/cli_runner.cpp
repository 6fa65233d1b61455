// cli_runner.cpp - fork/exec with stdin, stdout and stderr in temp files
// (files, not pipes, so a large output can never deadlock the test).
#include "cli_runner.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace scopegate::test {
namespace {

// An unlinked temp file: it vanishes when the descriptor is closed.
int temp_fd() {
  char name[] = "/tmp/sg-cli-test-XXXXXX";
  const int fd = mkstemp(name);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  unlink(name);
  return fd;
}

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) throw std::runtime_error("write failed");
    done += static_cast<std::size_t>(n);
  }
  lseek(fd, 0, SEEK_SET);
}

std::string read_all(int fd) {
  lseek(fd, 0, SEEK_SET);
  std::string text;
  char block[65536];
  ssize_t n = 0;
  while ((n = read(fd, block, sizeof block)) > 0) text.append(block, static_cast<std::size_t>(n));
  return text;
}

// In the child: never returns.
[[noreturn]] void exec_child(const CliRun& run, const std::string& program, int in, int out,
                             int err) {
  dup2(in, 0);
  dup2(out, 1);
  dup2(err, 2);
  unsetenv("SCOPEGATE_MODULE");
  for (const auto& [name, value] : run.env) {
    if (value.empty()) unsetenv(name.c_str());
    else setenv(name.c_str(), value.c_str(), 1);
  }
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const std::string& arg : run.args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  execv(program.c_str(), argv.data());
  _exit(127);
}

}  // namespace

CliResult run_cli(const CliRun& run) {
  const std::string program = run.program.empty() ? cli_path() : run.program;
  const int in = temp_fd(), out = temp_fd(), err = temp_fd();
  write_all(in, run.input);
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) exec_child(run, program, in, out, err);
  int status = 0;
  waitpid(pid, &status, 0);
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_all(out);
  result.err = read_all(err);
  close(in);
  close(out);
  close(err);
  return result;
}

std::string cli_path() { return SG_TEST_CLI; }
std::string module_path() { return SG_TEST_MODULE; }
std::string conf_dir() { return SG_TEST_CONF_DIR; }
std::string example_config() { return conf_dir() + "/examples/scopegate.conf"; }

CliResult run_with_config(const std::string& config, const std::vector<std::string>& args,
                          const std::string& input) {
  CliRun run;
  run.args = {"--module", module_path(), "-c", config};
  run.args.insert(run.args.end(), args.begin(), args.end());
  run.input = input;
  return run_cli(run);
}

CliResult run_example(const std::vector<std::string>& args, const std::string& input) {
  return run_with_config(example_config(), args, input);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  std::string line;
  while (std::getline(stream, line)) lines.push_back(line);
  return lines;
}

}  // namespace scopegate::test
