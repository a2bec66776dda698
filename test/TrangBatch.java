// Runs trang (com.thaiopensource.relaxng.translate.Driver) on many input/output pairs in one JVM, so that a test
// converting hundreds of schemas does not start a JVM for each. Usage: java -cp trang.jar TrangBatch.java IN OUT ...
// Prints one line per pair: "ok OUT" or "failed OUT" (trang's own messages go to stderr).
public class TrangBatch {
  public static void main(String[] args) {
    for (int i = 0; i + 1 < args.length; i += 2) {
      int rc;
      try {
        rc = new com.thaiopensource.relaxng.translate.Driver().run(new String[] { args[i], args[i + 1] });
      } catch (RuntimeException e) {
        rc = 1;
      }
      System.out.println((rc == 0 ? "ok " : "failed ") + args[i + 1]);
    }
  }
}
