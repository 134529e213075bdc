package wire

// HeaderTarSHA256 carries the hex sha256 of a model directory's tar
// (GET /intents/{id}/weights?format=tar).
const HeaderTarSHA256 = "X-AXL-Tar-SHA256"

// ModelManifest lists the files of an intent's model directory, the one
// that GET /intents/{id}/weights?format=tar sends as a tar, and the tar's
// own size and sha256: the client checks each file it unpacks.
type ModelManifest struct {
	// Files are in the tar's order; model.safetensors's sha256 is the
	// weightsHash of the on-chain Released event.
	Files []ModelFile `json:"files"`
	// TarSize and TarSHA256 are the bytes of the tar of Files.
	TarSize   int64  `json:"tar_size" example:"497785856"`
	TarSHA256 string `json:"tar_sha256" example:"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
}

// ModelFile is one file of a ModelManifest.
type ModelFile struct {
	Name   string `json:"name" example:"model.safetensors"`
	Size   int64  `json:"size" example:"497773168"`
	SHA256 string `json:"sha256" example:"8bc44a3293db82213305eac1ec7644a7e25c701d7892952a9c8f35bfd466abec"`
}
