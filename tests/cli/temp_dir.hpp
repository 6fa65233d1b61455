// temp_dir.hpp - a scratch directory for configs a test writes; removed with
// everything in it when the test ends.
#ifndef SCOPEGATE_TESTS_CLI_TEMP_DIR_HPP
#define SCOPEGATE_TESTS_CLI_TEMP_DIR_HPP

#include <filesystem>
#include <string>

namespace scopegate::test {

class TempDir {
 public:
  TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::filesystem::path& path() const { return path_; }
  // Writes name (relative to the directory) and returns its full path.
  std::string write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

}  // namespace scopegate::test

#endif
