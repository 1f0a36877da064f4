/** Word lists the extractor uses to tell names from the words around them. */

/** Capitalised words that start sentences or name things but are never part of a person's name. */
export const NON_NAME_WORDS = new Set(`
Ada Adapun Agar Akan Akhirnya Aku Anda Antara Apa Apabila Atas Atau Awalnya Bagi Bahkan Bahwa Baik Banyak Baru Beberapa Begitu Belum
Berbagai Berdasarkan Berikut Bersama Besok Bila Bukan Bulan Dalam Dan Dari Demikian Dengan Di Dia Diantaranya Dirinya Disebutkan Dulu
Hal Hari Hingga Ia Ini Itu Jadi Jika Juga Juni Januari Februari Maret April Mei Juli Agustus September Oktober November Desember Kalau
Kami Kamis Karena Kata Ke Kedua Kemarin Kemudian Kepada Kita Kini Lalu Lebih Maka Masih Meski Meskipun Menurut Minggu Mereka Namun
Nah Oleh Pada Para Pasalnya Pertama Rabu Sabtu Saat Saya Sebab Sebagai Sebelum Sebelumnya Sedangkan Sejak Sekarang Selain Selama
Selanjutnya Selasa Semua Senin Sementara Sehingga Setelah Sesuai Setiap Soal Sudah Tahun Tak Tapi Tentang Terkait Termasuk Tetapi Tidak
Untuk Usai Walau Ya Yakni Yaitu Yang Jumat Ahad Kabupaten Kota Provinsi Kecamatan Desa Kelurahan Pemkab Pemkot Pemprov Pemerintah
Kementerian Badan Dinas Biro Bagian Bidang Seksi Komisi Dewan Lembaga Kantor Sekretariat Direktorat Jenderal Pusat Balai Unit Satuan
Tim Panitia Fraksi Partai Polres Polda Polsek Polresta Kodim Korem Kodam Koramil Kejaksaan Pengadilan Negeri Tinggi Agung Umum Daerah
Nasional Republik Indonesia RI Rakyat Negara Hotel Gedung Ruang Aula Pendopo Graha Wisma Jalan Jl Masjid Stadion Lapangan Alun Taman
Organisasi Tata Laksana Keuangan Kesehatan Pendidikan Sosial Perhubungan Pertanian Perdagangan Perindustrian Pariwisata Agama Hukum Dalam Luar
Pembangunan Perencanaan Pengembangan Pemberdayaan Pelayanan Pengelolaan Penanggulangan Kependudukan Pencatatan Sipil Lingkungan Hidup
Pekerjaan Perumahan Permukiman Komunikasi Informatika Informasi Kebudayaan Kepemudaan Olahraga Tenaga Kerja Koperasi Usaha Mikro Kecil
Menengah Kelautan Perikanan Kehutanan Energi Sumber Daya Mineral Air Aset Pendapatan Anggaran Perencanaan Kepegawaian Ketahanan Pangan
Kesatuan Bangsa Politik Pemerintahan Kesejahteraan Perekonomian Administrasi Umum Keamanan Ketertiban Perlindungan Anak Perempuan
Keluarga Berencana Rumah Sakit Sekolah Universitas Institut Akademi Politeknik Fakultas Program Standar Operasional Prosedur Rapat
Koordinasi Kerja Paripurna Musyawarah Sosialisasi Bimbingan Teknis Pelatihan Seminar Pelantikan Peresmian Kunjungan Apel Upacara Pameran
Festival Reses Bupati Wakil Gubernur Wali Walikota Ketua Sekretaris Kepala Direktur Menteri Presiden Anggota Camat Lurah Kades Sekda
Kabiro Kadis Kabag Kabid Kapolres Kapolda Kapolri Dandim Danrem Plt Pj Penjabat Pelaksana Tugas Asisten Staf Juru Bicara Koordinator
Rektor Dekan Komandan Panglima Inspektur Utama Madya Muda Reformasi Birokrasi Zona Integritas Wilayah Bersih Melayani Covid Corona
Selatan Utara Barat Timur Tengah Tenggara Baratdaya Raya Besar Baru Lama Atas Bawah Dusun Kampung Jawa Sumatera Kalimantan Sulawesi
Papua Maluku Bali Nusa Tenggara Banten Aceh Riau Jambi Bengkulu Lampung Gorontalo Sekjen Dirjen Dirut Mendagri Wapres Jaksa
Warga Masyarakat Pihak Pihaknya Beliau Tersangka Terdakwa Korban Pelaku Polisi Petugas Aparat Peserta Ketika Setelahnya Pukul WIB WITA WIT
Merah Putih Baca Juga Simak Video Foto Advertisement Scroll Berita Liputan Kompas Tempo Detik Okezone Republika Memontum
`.split(/\s+/).filter(Boolean));

/** Honorifics and degrees written before a name ("Pak Budi", "Dr. Sari"). */
export const HONORIFIC = /^(?:Bapak|Pak|Ibu|Bu|Saudara|Sdr|Saudari|H|Hj|Dr|dr|drg|Drs|Dra|Ir|Prof|KH|Ustaz|Ustadz|Habib|Kiai|Kyai|Gus|Tuan|Nyonya|Mbak|Mas|Kang|Bang|Pastor|Pendeta|Romo|Uskup|Syekh|Ayatollah|Mendiang|Almarhum|Almarhumah)\.?$/;
/**
 * Kinship and role nouns written before a name ("Ayah Budi", "Pengacara Sari"): trimmed off, but no title; a name
 * glued to one of them in scraped text ("AyahBudi") is split off.
 */
export const KIN = new Set(['Ayah', 'Istri', 'Suami', 'Anak', 'Adik', 'Kakak', 'Kakek', 'Nenek', 'Paman', 'Bibi', 'Sahabat', 'Rekan', 'Pelatih',
  'Kapten', 'Penyanyi', 'Aktor', 'Aktris', 'Artis', 'Pembalap', 'Pemain', 'Penyerang', 'Gelandang', 'Bek', 'Kiper', 'Pengacara', 'Advokat',
  'Terpidana', 'Saksi', 'Nama', 'Cucu', 'Menantu', 'Mertua', 'Kerabat', 'Keponakan']);

/**
 * Roles in which the news names people who hold no office, written just before the name ("korban Nama", "terdakwa
 * Nama", "pelaku pembunuhan Nama"), and the acts after which the name is the victim's ("pembunuhan Nama").
 */
export const ROLE_NOUNS = new Set(['terdakwa', 'terpidana', 'tersangka', 'korban', 'pelaku', 'saksi', 'pengacara', 'advokat', 'terlapor', 'pelapor',
  'penggugat', 'tergugat', 'ibunda', 'ayahanda', 'almarhum', 'almarhumah', 'mendiang', 'buronan', 'narapidana', 'napi', 'mantan']);
export const ACT_NOUNS = new Set(['pembunuhan', 'penganiayaan', 'kematian', 'penculikan', 'pemerkosaan', 'pengeroyokan', 'penembakan', 'penusukan']);

/** Lower-case words allowed inside an institution, title or event phrase. */
export const PHRASE_CONNECTORS = new Set(['dan', '&', 'se', 'serta', 'atau', 'untuk', 'pada', 'tentang', 'bagi', 'of', 'and', 'the']);

/** Verbs after which a person is the speaker of what follows or precedes. */
export const SPEECH_VERBS = ['mengatakan', 'menyampaikan', 'menjelaskan', 'menegaskan', 'mengungkapkan', 'menuturkan', 'memaparkan', 'menyebutkan',
  'menambahkan', 'berharap', 'mengaku', 'menilai', 'meminta', 'mengimbau', 'menyatakan', 'menerangkan', 'melanjutkan', 'mengapresiasi', 'menekankan'];

/** Attribution words after a closing quote: "…," kata X / ujarnya / terangnya. */
export const QUOTE_TAGS = ['kata', 'ujar', 'ucap', 'tutur', 'jelas', 'terang', 'ungkap', 'tegas', 'tandas', 'imbuh', 'tambah', 'sebut', 'papar',
  'pungkas', 'lanjut', 'sambung', 'urai', 'beber', 'timpal', 'seru', 'tukas', 'kilah', 'harap', 'tutup', 'pesan', 'ajak', 'pinta', 'akui', 'aku',
  'cetus', 'kenang', 'tulis', 'tanya', 'jawab', 'seloroh', 'canda', 'sindir', 'klaim', 'imbau', 'ingat', 'desak', 'tuding', 'nilai', 'bilang',
  'sahut', 'kisah', 'ulas', 'tegur', 'keluh', 'jelaskan', 'katakan', 'cerita', 'kelakar', 'sergah', 'sanggah', 'bantah', 'tepis'];

/**
 * Capitalised words that make up institution names beyond NON_NAME_WORDS: a phrase's trailing words outside both lists,
 * after a title or a region, are a person's name ("Wakil Kepala Badan … Arsip Daerah Rina Kusuma").
 */
export const INSTITUTION_WORDS = new Set(`
Penyelenggara Jaminan Produk Halal Kebijakan Pengadaan Barang Jasa Monitoring Evaluasi Pengendali Inflasi Penanaman Modal Terpadu Satu
Pintu Perizinan Statistik Pemeriksa Pengawas Pengawasan Pemilihan Pemilu Penyiaran Pers Narkotika Intelijen Siber Sandi Gizi Obat Makanan
Pemasyarakatan Imigrasi Pertanahan Agraria Ruang Riset Inovasi Teknologi Sains Digital Pemerintah Pertahanan Konstitusi Yudisial
Pemberantasan Korupsi Tindak Pidana Khusus Reserse Kriminal Narkoba Lalu Lintas Intelkam Humas Hubungan Protokol Keprotokolan Perlengkapan
Pengadilan Majelis Hakim Agung Tipikor Militer Angkatan Darat Laut Udara Distrik Resor Sektor Pos Pangkalan Penerangan Kepolisian Pengamanan
Bencana Pencarian Pertolongan Pemadam Kebakaran Penyelamatan Perpustakaan Kearsipan Arsip Tanaman Perkebunan Peternakan Hortikultura
Transmigrasi Pendapatan Pajak Retribusi Perbendaharaan Kas Belanja Akuntansi Audit Pemeriksaan Inspektorat Pembinaan Pemuda Perlindungan
Konsumen Ekonomi Kreatif Investasi Hilirisasi Industri Perdagangan Pasar Logistik Transportasi Pelabuhan Bandara Penerbangan Kereta Api
Jalan Tol Jembatan Irigasi Bina Marga Cipta Karya Tata Bangunan Gedung Sanitasi Minum Limbah Sampah Kebersihan Pertamanan Pemakaman
Kependudukan Catatan Sipil Perizinan Kesbangpol Linmas Damkar Pramuka Olahraga Seni Budaya Adat Warisan Cagar Museum Komunitas Relawan
Swadaya Lembaga Pengurus Pimpinan Cabang Wilayah Ranting Dewan Pengurus Pusat Asosiasi Himpunan Persatuan Serikat Buruh Pekerja Petani
Nelayan Pedagang Pengusaha Kamar Dagang Pemuda Mahasiswa Pelajar Alumni Keluarga Besar Forum Komunikasi Musyawarah Pimpinan Bersama
Gabungan Terpadu Percepatan Penurunan Stunting Kemiskinan Penanganan Pemulihan Penegakan Pelaksanaan Penyidik Penyidikan Penuntut Anggaran
Tim Satgas Satuan Tugas Kerja Khusus Percontohan Layanan Pelayanan Publik Perusahaan Perseroan Persero Terbatas Tbk Group Grup Holding
Pembiayaan Perkreditan Rakyat Syariah Kredit Simpan Pinjam Mandiri Sejahtera Makmur Jaya Abadi Sentosa Nusantara Indonesia Merah Putih
Universitas Negeri Swasta Islam Kristen Katolik Muhammadiyah Nahdlatul Ulama Teknik Ilmu Hukum Kedokteran Farmasi Keperawatan Kebidanan
`.split(/\s+/).filter(Boolean));

/** Heads of English company titles ("Marketing Director", "Research Analyst"): no word of a person's name. */
export const ENGLISH_TITLE_HEAD_WORDS = ['Director', 'Head', 'Manager', 'Officer', 'Lead', 'Chairman', 'Chairwoman', 'Economist', 'Analyst', 'Strategist',
  'Specialist', 'Engineer', 'Consultant', 'Coordinator', 'Supervisor'];

/** Names of the days and the months, as Indonesian news writes them: no word of a name, a place or a gathering's name. */
export const WEEKDAY_NAMES = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', "Jum'at", 'Sabtu', 'Minggu', 'Ahad'];
export const MONTH_NAMES = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
/** A word that is the name of a day or a month, whole. */
export const WEEKDAY_OR_MONTH_RE = new RegExp(`^(?:${[...WEEKDAY_NAMES, ...MONTH_NAMES].join('|')})$`, 'u');
